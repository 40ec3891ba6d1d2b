using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DssApi.Cli.Commands;

/// <summary><c>dssapi status</c>: what the deployer knows (light status) and what the infrastructure reports (heavy status, health) of deployments.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext cli)
    {
        var deployment = new Argument<string?>("deployment") { Description = "The deployment; every deployment when not given.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show the versions, health and URLs of one deployment or of all.") { deployment };
        cli.SetAction(command, async (parse, client, cancellationToken) =>
        {
            var deployer = client.GetApiDeployer();
            var one = parse.GetValue(deployment);
            var ids = one is null
                ? (await deployer.ListDeploymentsAsync(cancellationToken)).Select(light => light.DeploymentBasicInfo.Id)
                : [one];
            var items = new List<JsonObject>();
            foreach (var id in ids)
            {
                items.Add(Describe(await deployer.GetDeployment(id).GetStatusAsync(cancellationToken)));
            }

            if (cli.Json(parse))
            {
                cli.Console.WriteJson(one is null ? new JsonArray([.. items]) : items[0]);
                return DssCli.Success;
            }

            cli.Console.WriteTable(["DEPLOYMENT", "SERVICE", "INFRA", "VERSIONS", "ENABLED", "HEALTH"], [.. items.Select(item => (IReadOnlyList<string>)
            [
                Text(item["id"]), Text(item["publishedServiceId"]), Text(item["infraId"]),
                string.Join(", ", item["versions"]!.AsArray().Select(entry => $"{Text(entry!["version"])} {entry!["share"]!.GetValue<double>().ToString("P0", CultureInfo.InvariantCulture)}")),
                item["enabled"]?.GetValue<bool>() == true ? "yes" : "no",
                Text(item["health"]),
            ])]);
            foreach (var item in items)
            {
                foreach (var message in item["messages"]!.AsArray())
                {
                    cli.Console.Out.WriteLine($"{Text(item["id"])}: {Text(message!["severity"])} {Text(message["message"])}");
                }

                foreach (var url in item["urls"]!.AsArray())
                {
                    cli.Console.Out.WriteLine($"{Text(item["id"])}: serves at {Text(url)}");
                }
            }

            return DssCli.Success;
        });
        return command;
    }

    /// <summary>A deployment as data: the shape of <c>status --output json</c> (see the README).</summary>
    private static JsonObject Describe(DeploymentStatus status)
    {
        var (info, heavy) = (status.Light.DeploymentBasicInfo, status.Heavy);
        var versions = info.GenerationsMapping switch
        {
            SingleVersionMapping single => [(single.Version, 1.0)],
            TrafficSplitMapping split => split.Entries.Select(entry => (entry.Version, entry.Probability ?? 0)).ToArray(),
            _ => Array.Empty<(string?, double)>(),
        };
        IReadOnlyList<string> urls;
        try
        {
            urls = status.GetServiceUrls();
        }
        catch (InvalidOperationException)
        {
            urls = []; // not known yet: the deployment is still starting
        }

        return new JsonObject
        {
            ["id"] = info.Id,
            ["publishedServiceId"] = info.PublishedServiceId,
            ["infraId"] = info.InfraId,
            ["enabled"] = info.Enabled,
            ["versions"] = new JsonArray([.. versions.Select(version => (JsonNode)new JsonObject { ["version"] = version.Item1, ["share"] = version.Item2 })]),
            ["health"] = heavy.Health?.Value,
            ["messages"] = new JsonArray([.. (heavy.HealthMessages?.Messages ?? []).Select(message => (JsonNode)new JsonObject
            {
                ["severity"] = message.Severity?.Value,
                ["code"] = message.Code,
                ["message"] = message.Message,
            })]),
            ["urls"] = new JsonArray([.. urls.Select(url => (JsonNode)url)]),
        };
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
