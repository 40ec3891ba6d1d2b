using System.Text.Json.Nodes;
using DssApi.Emulator.ApiNode;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Futures;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>
/// Deployment updates: the future that pushes a deployment's settings to its API nodes, the update history,
/// and the health derived from both (dss-protocol §2.10, §3, §5.7).
/// </summary>
internal static class DeploymentUpdates
{
    /// <summary>The endpoint types whose models or data the emulator can serve; other types fail to load (503).</summary>
    private static readonly string[] Steps = ["Preparing deployment", "Deploying to API nodes", "Activating service"];

    /// <summary>Records a RUNNING update and starts its future; a second update while one runs is refused.</summary>
    public static FutureJob Start(EmulatorContext context, string deploymentId)
    {
        var update = context.Store.Write(state =>
        {
            var deployment = state.RequireDeployment(deploymentId);
            if (deployment.Updates.Any(existing => existing.Status == DeploymentUpdateState.Running))
            {
                throw DssError.IllegalArgument($"An update of deployment {deploymentId} is already running");
            }

            // Timestamps identify updates in routes, so they must be unique.
            var start = Math.Max(EmulatorContext.Now(), (deployment.Updates.LastOrDefault()?.StartTimestamp ?? 0) + 1);
            var record = new DeploymentUpdateState
            {
                StartTimestamp = start,
                Requester = EmulatorContext.AdminLogin,
                Status = DeploymentUpdateState.Running,
            };
            record.LogLines.Add($"Update of deployment {deploymentId} requested by {EmulatorContext.AdminLogin}");
            deployment.Updates.Add(record);
            return record;
        });

        var payload = new JsonObject
        {
            ["action"] = "update",
            ["targets"] = new JsonArray(new JsonObject { ["objectType"] = "API_DEPLOYER_DEPLOYMENT", ["objectId"] = deploymentId }),
        };
        return context.Futures.Start($"Updating deployment {deploymentId}", EmulatorContext.AdminLogin, payload,
            job => RunAsync(context, deploymentId, update.StartTimestamp, job));
    }

    /// <summary>Updates left RUNNING by a previous process can never finish: mark them failed.</summary>
    public static void RecoverInterrupted(EmulatorContext context) => context.Store.Write(state =>
    {
        foreach (var update in state.Deployments.Values.SelectMany(deployment => deployment.Updates)
            .Where(update => update.Status == DeploymentUpdateState.Running))
        {
            Fail(update, "The emulator stopped while this update was running");
        }
    });

    /// <summary>The health of a deployment and the messages explaining it.</summary>
    public static (string Health, List<InfoMessage> Messages) Health(EmulatorContext context, EmulatorState state, DeploymentState deployment)
    {
        var last = deployment.Updates.LastOrDefault();
        if (last?.Status == DeploymentUpdateState.Running)
        {
            return ("UNKNOWN", [new(InfoMessage.Info, "UPDATE_RUNNING", "Update in progress", "An update of this deployment is running")]);
        }

        if (last?.Status == DeploymentUpdateState.Failed)
        {
            return ("ERROR", [new(InfoMessage.Error, "UPDATE_FAILED", "Last update failed", last.Error ?? "The last update failed")]);
        }

        if (deployment.Deployed is not { } deployed)
        {
            return ("OUT_OF_SYNC", [new(InfoMessage.Warning, "NEVER_DEPLOYED", "Not deployed", "This deployment has never been updated")]);
        }

        if (!JsonNode.DeepEquals(deployed.Settings, deployment.Settings))
        {
            return ("OUT_OF_SYNC", [new(InfoMessage.Warning, "OUT_OF_SYNC", "Settings changed",
                "The settings changed since the last update; update the deployment to apply them")]);
        }

        if (deployed.Settings["enabled"]?.GetValue<bool>() != true)
        {
            return ("UNKNOWN", [new(InfoMessage.Info, "DISABLED", "Disabled", "This deployment is disabled")]);
        }

        var warnings = deployed.UnavailableEndpoints
            .Select(endpoint => new InfoMessage(InfoMessage.Warning, "ENDPOINT_UNAVAILABLE", "Endpoint not loaded",
                $"Endpoint {endpoint} cannot be executed by the DSS emulator"))
            .Concat(UnreachableNodes(context, state, deployment)
                .Select(url => new InfoMessage(InfoMessage.Warning, "API_NODE_UNREACHABLE", "API node unreachable",
                    $"API node {url} cannot be reached")))
            .ToList();
        return (warnings.Count == 0 ? "HEALTHY" : "WARNING", warnings);
    }

    /// <summary>The STATIC API nodes of the deployment's infrastructure that are not this emulator.</summary>
    public static IEnumerable<string> UnreachableNodes(EmulatorContext context, EmulatorState state, DeploymentState deployment) =>
        state.Infras.GetValueOrDefault(deployment.Settings.Text("infraId")) is { } infra && infra.Type() == DeployerViews.StaticInfra
            ? infra.ApiNodes().Where(node => !context.ServesApiNode(node)).Select(DeployerViews.Url)
            : [];

    /// <summary>
    /// Runs an update. Its record is looked up at each write rather than held, since a write the store cannot
    /// persist puts back the state as last persisted, with records of its own.
    /// </summary>
    private static async Task<JsonNode?> RunAsync(EmulatorContext context, string deploymentId, long startTimestamp, FutureJob job)
    {
        try
        {
            for (var step = 0; step < Steps.Length; step++)
            {
                job.Step(Steps[step], step, Steps.Length);
                job.Log(Steps[step]);
                await Task.Delay(context.Options.UpdateStepDuration, job.AbortToken);
            }

            return context.Store.Write(state =>
            {
                var deployment = state.RequireDeployment(deploymentId);
                var (snapshot, result) = Prepare(context, state, deployment);
                var update = Record(deployment, startTimestamp);
                deployment.Deployed = snapshot;
                update.Status = DeploymentUpdateState.Success;
                update.EndTimestamp = EmulatorContext.Now();
                update.LogLines.AddRange(Steps);
                update.LogLines.Add("Update succeeded");
                return result;
            });
        }
        catch (Exception exception) when (exception is DssError or OperationCanceledException)
        {
            var reason = exception is DssError error ? error.Message : "The update was aborted";
            job.Log(reason);
            context.Store.Write(state =>
            {
                if (state.Deployments.GetValueOrDefault(deploymentId) is { } deployment)
                {
                    Fail(Record(deployment, startTimestamp), reason);
                }
            });
            throw;
        }
    }

    private static DeploymentUpdateState Record(DeploymentState deployment, long startTimestamp) =>
        deployment.Updates.First(update => update.StartTimestamp == startTimestamp);

    private static void Fail(DeploymentUpdateState update, string reason)
    {
        update.Status = DeploymentUpdateState.Failed;
        update.EndTimestamp = EmulatorContext.Now();
        update.Error = reason;
        update.LogLines.Add(reason);
    }

    /// <summary>
    /// What the API nodes would load: every generation of the mapping, checked for what the emulator can serve.
    /// Throws when the service cannot be served at all (missing version, OAuth2, no reachable API node).
    /// </summary>
    private static (DeployedSnapshot Snapshot, JsonObject Result) Prepare(EmulatorContext context, EmulatorState state, DeploymentState deployment)
    {
        var settings = deployment.Settings;
        var publishedServiceId = settings.Text("publishedServiceId");
        var service = state.RequirePublishedService(publishedServiceId);
        var generations = DeploymentSettings.Generations(settings).Distinct().ToDictionary(
            generation => generation,
            generation => PackageContent.FromZip(service.RequireVersion(generation).Archive));

        foreach (var (generation, content) in generations)
        {
            if (ApiNodeAuth.Method(settings, content) == "OAUTH2")
            {
                throw DssError.IllegalArgument(
                    $"Version {generation} of {publishedServiceId} uses OAUTH2 authentication, which the DSS emulator does not serve; use PUBLIC or API_KEYS");
            }
        }

        var infra = state.RequireInfra(settings.Text("infraId"));
        var result = new JsonObject();
        if (infra.Type() == DeployerViews.StaticInfra)
        {
            var nodes = infra.ApiNodes().ToArray();
            var reachable = nodes.Count(context.ServesApiNode);
            if (reachable == 0)
            {
                throw DssError.Coded(nodes.Length == 0
                    ? $"Infrastructure {infra.Settings["id"]} has no API node"
                    : $"None of the API nodes of infrastructure {infra.Settings["id"]} can be reached with its admin API key (the emulator serves {context.BaseUrl})");
            }

            result["nbOKNodes"] = reachable;
            result["nbNOKNodes"] = nodes.Length - reachable;
        }

        var snapshot = new DeployedSnapshot
        {
            Settings = settings.DeepClone().AsObject(),
            Generations = generations.ToDictionary(generation => generation.Key, generation => generation.Value.Json),
            DeployedOn = EmulatorContext.Now(),
            UnavailableEndpoints = generations.Values
                .SelectMany(content => content.Endpoints)
                .Where(endpoint => ApiNodeExecutor.WhyNotServable(endpoint, context.Demo) is not null)
                .Select(endpoint => endpoint.Text("id"))
                .Distinct()
                .ToList(),
        };
        return (snapshot, result);
    }
}
