using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DssApi.Deploy;

namespace DssApi.Cli;

/// <summary><c>dssapi rollout</c>: a guarded rollout of a deployment to a new version.</summary>
internal static class RolloutCommand
{
    public static Command Create(CliConsole console, CliConnection connection, Option<string> output)
    {
        var deployment = new Argument<string>("deployment") { Description = "The deployment rolled out." };
        var version = new Option<string>("--to") { Description = "The version the traffic moves to.", Required = true };
        var steps = new Option<string>("--steps") { Description = "The new version's share at each step, in percent.", DefaultValueFactory = _ => "10,50,100" };
        var bake = new Option<int>("--bake") { Description = "Seconds each step is watched before the next.", DefaultValueFactory = _ => 60 };
        var interval = new Option<int>("--check-interval") { Description = "Seconds between two checks of the gates.", DefaultValueFactory = _ => 10 };
        var testQueries = new Option<bool>("--test-queries") { Description = "Also run the service's test queries through the deployer at each check." };
        var endpoint = new Option<string?>("--endpoint") { Description = "The endpoint whose test queries run, when the service has several." };
        var comparePredictions = new Option<string?>("--compare-predictions")
        {
            Description = "Also check at each step that the new version predicts what the previous one does, on the test queries of the endpoint in this API Designer service (PROJECT/SERVICE).",
        };
        var tolerance = new Option<double>("--tolerance") { Description = "How far apart two numeric predictions may be for --compare-predictions (default 0: equal)." };
        var command = new Command("rollout", "Move a deployment to a new version in steps of traffic, watching health at each step and rolling back when a gate fails; run again to resume.")
        {
            deployment, version, steps, bake, interval, testQueries, endpoint, comparePredictions, tolerance,
        };

        command.SetAction((parse, cancellationToken) => DssCli.RunGuardedAsync(console, async () =>
        {
            using var client = connection.Open(parse, console);
            var options = new RolloutOptions
            {
                DeploymentId = parse.GetValue(deployment)!,
                Version = parse.GetValue(version)!,
                Steps = ParseSteps(parse.GetValue(steps)!),
                BakeTime = Seconds("--bake", parse.GetValue(bake)),
                CheckInterval = Seconds("--check-interval", parse.GetValue(interval)),
                RunTestQueries = parse.GetValue(testQueries),
                TestQueriesEndpointId = parse.GetValue(endpoint),
                ComparePredictions = parse.GetValue(comparePredictions) is { } service
                    ? await ComparisonAsync(client, service, parse.GetValue(endpoint), parse.GetValue(tolerance), cancellationToken)
                    : null,
            };
            IReadOnlyList<TrafficShare> final = [];
            await console.WithProgressAsync($"Rolling out {options.DeploymentId}", async report =>
                final = await Rollout.RunAsync(client, options,
                    new SynchronousProgress<RolloutProgress>(step => report($"{step.Share:P0}: {step.Message}")), cancellationToken));
            if (parse.GetValue(output) == "json")
            {
                var traffic = new JsonArray([.. final.Select(share => (JsonNode)new JsonObject { ["version"] = share.Version, ["share"] = share.Share })]);
                console.WriteJson(new JsonObject { ["deployment"] = options.DeploymentId, ["traffic"] = traffic });
            }
            else
            {
                console.Out.WriteLine($"Rollout of {options.DeploymentId} to {options.Version} complete.");
            }

            return DssCli.Success;
        }));
        return command;
    }

    private static Task<PredictionComparison> ComparisonAsync(DssClient client, string service, string? endpoint, double tolerance, CancellationToken cancellationToken)
    {
        var parts = service.Split('/');
        if (parts.Length != 2 || parts.Any(part => part.Length == 0))
        {
            throw new CliUsageException($"Invalid --compare-predictions '{service}': give the API Designer service as PROJECT/SERVICE");
        }

        return tolerance >= 0
            ? PredictionComparison.FromTestQueriesAsync(client, parts[0], parts[1], endpoint, tolerance, cancellationToken)
            : throw new CliUsageException($"Invalid --tolerance {tolerance.ToString(CultureInfo.InvariantCulture)}: give a number, 0 or more");
    }

    private static double[] ParseSteps(string text) => [.. text.Split(',', StringSplitOptions.TrimEntries).Select(step =>
        double.TryParse(step.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100
            ? percent / 100
            : throw new CliUsageException($"Invalid --steps '{text}': give increasing percentages ending at 100, e.g. 10,50,100"))];

    private static TimeSpan Seconds(string option, int seconds) =>
        seconds >= 0 ? TimeSpan.FromSeconds(seconds) : throw new CliUsageException($"Invalid {option} {seconds}: give a number of seconds, 0 or more");
}
