using System.Net.Mime;
using System.Text.Json.Nodes;
using DssApi.Emulator.ApiNode;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>Deployments of the API Deployer: settings, statuses, updates and queries through the deployer (dss-protocol §2.10–2.14, §5.5–5.7).</summary>
internal static class DeploymentRoutes
{
    private const string Deployment = "api-deployer/deployments/{deploymentId}";

    public static void Map(RouteTable routes, EmulatorContext context)
    {
        var store = context.Store;

        routes.MapPublicApi("GET", "api-deployer/deployments", _ => DssResponse.Json(store.Read(state => new JsonArray(state.Deployments.InIdOrder()
            .Select(deployment => (JsonNode)LightStatus(state, deployment))
            .ToArray()))));

        routes.MapPublicApi("POST", "api-deployer/deployments", async request =>
        {
            const string owner = "deployment creation";
            // Checked like DSS checks it; the emulator raises no warnings to ignore.
            request.QueryBool("ignoreWarnings", defaultValue: false);
            var body = await request.ReadJsonObjectAsync();
            var deploymentId = DssJson.RequireString(body, "deploymentId", owner);
            var settings = DeploymentSettings.New(
                deploymentId,
                DssJson.RequireString(body, "publishedServiceId", owner),
                DssJson.RequireString(body, "infraId", owner),
                DssJson.RequireString(body, "version", owner),
                DssJson.OptionalString(body, "endpointId", owner),
                DssJson.OptionalArray(body, "authorizationsToQueryThroughDeployer", owner)?.DeepClone().AsArray());
            return DssResponse.Json(store.Write(state =>
            {
                if (deploymentId.Length == 0 || state.Deployments.ContainsKey(deploymentId))
                {
                    throw DssError.IllegalArgument(deploymentId.Length == 0 ? "The deployment id cannot be empty" : $"Deployment {deploymentId} already exists");
                }

                DeploymentSettings.Validate(state, deploymentId, settings);
                state.Deployments[deploymentId] = new DeploymentState { Settings = settings };
                return settings.DeepClone();
            }));
        });

        routes.MapPublicApi("GET", Deployment, request => DssResponse.Json(store.Read(state => LightStatus(state, RequireDeployment(state, request)))));

        routes.MapPublicApi("GET", Deployment + "/status", request => DssResponse.Json(store.Read(state => HeavyStatus(context, state, RequireDeployment(state, request)))));

        routes.MapPublicApi("GET", Deployment + "/settings", request => DssResponse.Json(store.Read(state => RequireDeployment(state, request).Settings.DeepClone())));

        routes.MapPublicApi("PUT", Deployment + "/settings", async request =>
        {
            // Checked like DSS checks it; the emulator raises no warnings to ignore.
            request.QueryBool("ignoreWarnings", defaultValue: false);
            var body = await request.ReadJsonObjectAsync();
            store.Write(state =>
            {
                var deployment = RequireDeployment(state, request);
                var settings = body.DeepClone().AsObject();
                settings["id"] = deployment.Id();
                foreach (var identity in new[] { "publishedServiceId", "infraId" })
                {
                    if (DssJson.OptionalString(settings, identity, "deployment settings") is { } saved && saved != deployment.Settings.Text(identity))
                    {
                        throw DssError.IllegalArgument($"The {identity} of a deployment cannot change");
                    }

                    settings[identity] = deployment.Settings[identity]!.DeepClone();
                }

                DeploymentSettings.Validate(state, deployment.Id(), settings);
                deployment.Settings = settings;
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("DELETE", Deployment, request =>
        {
            // Checked like DSS checks it; the emulator runs no pre-delete hooks.
            request.QueryBool("ignorePreDeleteErrors", defaultValue: false);
            store.Write(state =>
            {
                var deployment = RequireDeployment(state, request);
                if (deployment.Settings["enabled"]?.GetValue<bool>() == true)
                {
                    // DSS's answer here is not documented: the emulator refuses as DSS's own clients do, with their words.
                    throw DssError.IllegalArgument($"Deployment {deployment.Id()} deletion failed: deployment must be disabled first.");
                }

                state.Deployments.Remove(deployment.Id());
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("GET", Deployment + "/governance-status", request => DssResponse.Json(store.Read(state =>
        {
            var deployment = RequireDeployment(state, request);
            if (request.Query("version") is { Length: > 0 } version)
            {
                state.RequirePublishedService(deployment.Settings.Text("publishedServiceId")).RequireVersion(version);
            }

            // The emulator has no Govern instance: nothing to report, whatever the policy.
            return InfoMessages.Of([]);
        })));

        routes.MapPublicApi("GET", Deployment + "/get-open-api", request => store.Read(state =>
        {
            var deployment = RequireDeployment(state, request);
            var content = MappedGenerations(state, deployment).First();
            // A document stored with the service wins; otherwise the emulator describes the endpoints it deployed.
            var document = content.Service["openAPI"] as JsonObject
                ?? OpenApiDocument.Describe(DeploymentSettings.ServedServiceId(deployment.Settings), content);
            return DssResponse.Text(document.ToJsonString(), MediaTypeNames.Application.Json);
        }));

        routes.MapPublicApi("GET", Deployment + "/update", request => DssResponse.Json(store.Read(state =>
            new JsonArray(RequireDeployment(state, request).Updates.Select(update => (JsonNode)UpdateView(update, withLogs: false)).ToArray()))));

        routes.MapPublicApi("GET", Deployment + "/last-update", request => DssResponse.Json(store.Read(state =>
        {
            var deployment = RequireDeployment(state, request);
            var last = deployment.Updates.LastOrDefault() ?? throw DssError.NotFound($"Deployment {deployment.Id()} has never been updated");
            return UpdateView(last, withLogs: true);
        })));

        routes.MapPublicApi("GET", Deployment + "/update/{startTimestamp}", request => DssResponse.Json(store.Read(state =>
        {
            var deployment = RequireDeployment(state, request);
            var text = request.Route("startTimestamp");
            var timestamp = long.TryParse(text, out var parsed) ? parsed : throw DssError.IllegalArgument($"Invalid update timestamp '{text}'");
            var update = deployment.Updates.FirstOrDefault(candidate => candidate.StartTimestamp == timestamp)
                ?? throw DssError.NotFound($"No update of deployment {deployment.Id()} started at {timestamp}");
            return UpdateView(update, withLogs: true);
        })));

        routes.MapPublicApi("POST", Deployment + "/actions/update", async request =>
        {
            var options = await request.ReadOptionalJsonObjectAsync() ?? [];
            var synchronous = DssJson.OptionalBool(options, "synchronous", "update request") ?? false;
            DssJson.OptionalEnum(options, "updateMode", "update request", ["LIGHT", "FULL"]);
            var job = DeploymentUpdates.Start(context, request.Route("deploymentId"));
            if (!synchronous)
            {
                return DssResponse.Json(job.RunningState());
            }

            await job.Completion;
            return DssResponse.Json(context.Futures.Consume(job.JobId));
        });

        routes.MapPublicApi("POST", Deployment + "/actions/run-test-queries", request =>
        {
            var endpointId = request.Query("endpointIdParam");
            var explicitQueries = request.Query("testQueriesParam") is { } text
                ? ParseQueries(text, "testQueriesParam").Select(QueryOf).ToArray()
                : null;
            return RunQueries(context, request, endpointId, endpoint => explicitQueries ?? SavedTestQueries(endpoint));
        });

        routes.MapPublicApi("POST", Deployment + "/actions/run-queries", request =>
        {
            var queries = ParseQueries(request.RequireQuery("queries"), "queries").Select(QueryOf).ToArray();
            // Checked like DSS checks it; every infrastructure type takes the same queries here.
            request.QueryBool("adaptQueryForInfraType", defaultValue: true);
            return RunQueries(context, request, request.Query("endpointId"), _ => queries);
        });
    }


    private static DeploymentState RequireDeployment(EmulatorState state, DssRequest request) =>
        state.RequireDeployment(request.Route("deploymentId"));

    private static IEnumerable<PackageContent> MappedGenerations(EmulatorState state, DeploymentState deployment)
    {
        var service = state.RequirePublishedService(deployment.Settings.Text("publishedServiceId"));
        return DeploymentSettings.Generations(deployment.Settings).Select(version => PackageContent.FromZip(service.RequireVersion(version).Archive));
    }

    private static JsonObject LightStatus(EmulatorState state, DeploymentState deployment)
    {
        var service = state.RequirePublishedService(deployment.Settings.Text("publishedServiceId"));
        var primary = MappedGenerations(state, deployment).First().Service;
        var authMode = deployment.Settings["auth"]?["authMode"]?.GetValue<string>();
        return new JsonObject
        {
            ["deploymentBasicInfo"] = DeployerViews.DeploymentBasicInfo(deployment),
            ["infraBasicInfo"] = DeployerViews.InfraBasicInfo(state.RequireInfra(deployment.Settings.Text("infraId"))),
            ["serviceBasicInfo"] = DeployerViews.ServiceBasicInfo(service),
            ["packages"] = DeployerViews.VersionItems(service),
            ["publicAccess"] = authMode is null or "INHERIT_DEV" ? primary["authMethod"]?.GetValue<string>() == "PUBLIC" : authMode == "PUBLIC",
            ["neverEverDeployed"] = deployment.Updates.All(update => update.Status != DeploymentUpdateState.Success),
        };
    }

    /// <summary>The heavy status: health, and where the service is reachable (<c>apiNodes</c> for STATIC, else <c>publicURL</c> once deployed).</summary>
    private static JsonObject HeavyStatus(EmulatorContext context, EmulatorState state, DeploymentState deployment)
    {
        var (health, messages) = DeploymentUpdates.Health(context, state, deployment);
        var infra = state.RequireInfra(deployment.Settings.Text("infraId"));
        var status = new JsonObject
        {
            ["health"] = health,
            ["healthMessages"] = InfoMessages.Of(messages),
            ["endpoints"] = deployment.Deployed is { } deployed
                ? new JsonArray(deployed.Generations.Values.SelectMany(content => new PackageContent(content).EndpointHeads())
                    .DistinctBy(endpoint => endpoint!["id"]!.GetValue<string>())
                    .Select(endpoint => endpoint!.DeepClone())
                    .ToArray())
                : [],
        };
        if (infra.Type() == DeployerViews.StaticInfra)
        {
            var unreachable = DeploymentUpdates.UnreachableNodes(context, state, deployment).ToHashSet();
            status["apiNodes"] = new JsonArray(infra.ApiNodeUrls().Select(url => (JsonNode)new JsonObject
            {
                ["url"] = url,
                ["health"] = unreachable.Contains(url) ? "ERROR" : health,
            }).ToArray());
        }
        else if (deployment.Deployed is not null)
        {
            status["publicURL"] = context.BaseUrl;
            status["publicURLIsClusterOnly"] = false;
        }

        return status;
    }

    private static JsonObject UpdateView(DeploymentUpdateState update, bool withLogs)
    {
        var view = new JsonObject
        {
            ["startTimestamp"] = update.StartTimestamp,
            ["endTimestamp"] = update.EndTimestamp,
            ["type"] = "UPDATE",
            ["status"] = update.Status,
            ["requester"] = update.Requester,
        };
        if (withLogs)
        {
            view["logs"] = new JsonObject
            {
                ["totalLines"] = update.LogLines.Count,
                ["lines"] = new JsonArray(update.LogLines.Select(line => (JsonNode)line).ToArray()),
                ["status"] = new JsonArray(),
                ["maxLevel"] = update.Status == DeploymentUpdateState.Failed ? "ERROR" : "INFO",
            };
        }

        return view;
    }

    /// <summary>
    /// The query an item of a query list holds: its <c>q</c>, in the documented shape of test queries
    /// (<c>{"name": …, "q": {"features": …}}</c>), else the item itself (a bare query, as earlier clients sent).
    /// </summary>
    private static JsonObject QueryOf(JsonObject item) => item["q"] is JsonObject query ? (JsonObject)query.DeepClone() : item;

    private static IReadOnlyList<JsonObject> ParseQueries(string text, string parameter) =>
        (DssJson.Parse(text, $"parameter '{parameter}'") as JsonArray ?? throw DssError.MalformedRequest($"Parameter '{parameter}' must be a JSON array"))
            .Select((query, index) => query as JsonObject ?? throw DssError.MalformedRequest($"{parameter}[{index}] must be a JSON object"))
            .ToArray();

    private static IReadOnlyList<JsonObject> SavedTestQueries(JsonObject endpoint) =>
        (endpoint["testQueries"] as JsonArray ?? [])
            .Select(testQuery => (JsonObject)(testQuery?["q"] as JsonObject ?? []).DeepClone())
            .ToArray();

    /// <summary>
    /// Queries the deployed service through the deployer: one <c>{response}</c> or <c>{error}</c> per query
    /// (dss-protocol §5.10), bypassing the API node's key check as DSS does for its own calls.
    /// </summary>
    private static DssResponse RunQueries(EmulatorContext context, DssRequest request, string? endpointId, Func<JsonObject, IReadOnlyList<JsonObject>> queriesFor) =>
        context.Store.Read(state =>
        {
            var deployment = RequireDeployment(state, request);
            var served = ServedService.Of(context, state, deployment)
                ?? throw DssError.IllegalArgument($"Deployment {deployment.Id()} is not serving; enable and update it first");
            var generation = served.PrimaryGeneration;
            var endpoints = generation.Endpoints.ToArray();
            var endpoint = endpointId is null
                ? endpoints.Length == 1 ? endpoints[0] : throw DssError.IllegalArgument("The endpoint id is required when the service has more than one endpoint")
                : generation.FindEndpoint(endpointId) ?? throw DssError.NotFound($"Endpoint {endpointId} not found in service {served.ServiceId}");
            var id = endpoint.Text("id");
            var verb = ApiNodeExecutor.DefaultVerb(endpoint.Text("type"));
            var responses = queriesFor(endpoint).Select(query =>
            {
                try
                {
                    return (JsonNode)new JsonObject
                    {
                        ["response"] = ApiNodeExecutor.Execute(served, id, verb, query, query.ToJsonString(), context.Options.Seed, context.Demo),
                    };
                }
                catch (DssError error)
                {
                    return new JsonObject { ["error"] = error.ToJson() };
                }
            });
            return DssResponse.Json(new JsonObject { ["responses"] = new JsonArray(responses.ToArray()) });
        });
}
