using System.CommandLine;
using System.Text.Json.Nodes;

namespace DssApi.Cli.Commands;

/// <summary><c>dssapi services list</c>: the API services of a project, or the services published to the API Deployer.</summary>
internal static class ServicesCommand
{
    public static Command Create(CliContext cli)
    {
        var project = new Option<string?>("--project") { Description = "List the API services of this project's API Designer instead of the published services of the API Deployer." };
        var list = new Command("list", "List API services: those published to the API Deployer, or with --project, those of a project.") { project };
        cli.SetAction(list, async (parse, client, cancellationToken) =>
        {
            if (parse.GetValue(project) is { } projectKey)
            {
                var services = await client.GetProject(projectKey).ListApiServicesAsync(cancellationToken);
                return Write(cli, parse, ["SERVICE", "NAME", "AUTH", "ENDPOINTS"], [.. services.Select(service => new JsonObject
                {
                    ["project"] = service.ProjectKey,
                    ["id"] = service.Id,
                    ["name"] = service.Name,
                    ["authMethod"] = service.AuthMethod?.Value,
                    ["endpoints"] = new JsonArray([.. service.Endpoints.Select(endpoint => (JsonNode)new JsonObject { ["id"] = endpoint.Id, ["type"] = endpoint.Type?.Value })]),
                })], service => [Text(service, "id"), Text(service, "name"), Text(service, "authMethod"),
                    string.Join(", ", service["endpoints"]!.AsArray().Select(endpoint => $"{Text(endpoint!, "id")} ({Text(endpoint!, "type")})"))]);
            }

            var published = await client.GetApiDeployer().ListServicesAsync(cancellationToken);
            return Write(cli, parse, ["SERVICE", "NAME", "VERSIONS", "DEPLOYMENTS"], [.. published.Select(service => new JsonObject
            {
                ["id"] = service.ServiceBasicInfo.Id,
                ["name"] = service.ServiceBasicInfo.Name,
                ["versions"] = new JsonArray([.. service.Packages.Select(package => (JsonNode)package.Id)]),
                ["deployments"] = new JsonArray([.. service.Deployments.Select(deployment => (JsonNode)new JsonObject { ["id"] = deployment.Id, ["infra"] = deployment.InfraId })]),
            })], service => [Text(service, "id"), Text(service, "name"),
                string.Join(", ", service["versions"]!.AsArray().Select(version => version!.GetValue<string>())),
                string.Join(", ", service["deployments"]!.AsArray().Select(deployment => $"{Text(deployment!, "id")} on {Text(deployment!, "infra")}"))]);
        });
        return new Command("services", "API services of the API Designer and the API Deployer.") { list };
    }

    // The rows are built once, as the JSON data; the table shows that data, so both outputs always agree.
    private static int Write(CliContext cli, ParseResult parse, string[] headers, JsonObject[] items, Func<JsonObject, IReadOnlyList<string>> row)
    {
        if (cli.Json(parse))
        {
            cli.Console.WriteJson(new JsonArray([.. items]));
        }
        else
        {
            cli.Console.WriteTable(headers, [.. items.Select(row)]);
        }

        return DssCli.Success;
    }

    private static string Text(JsonNode item, string field) => item[field]?.GetValue<string>() ?? "";
}
