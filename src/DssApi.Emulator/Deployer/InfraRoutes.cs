using System.Text.Json.Nodes;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;
using DssApi.Emulator.Secrets;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>Deployment stages and infrastructures of the API Deployer (dss-protocol §2.6–2.8, §5.4).</summary>
internal static class InfraRoutes
{
    private static readonly IReadOnlyCollection<string> InfraTypes = [DeployerViews.StaticInfra, "K8S", "AZURE_ML", "SAGEMAKER", "SNOWPARK", "VERTEX_AI", "DATABRICKS"];

    private static readonly IReadOnlyCollection<string> GovernCheckPolicies = ["PREVENT", "WARN", "NO_CHECK"];

    /// <summary>DSS's default deployment stages.</summary>
    private static readonly (string Id, string Description)[] Stages =
        [("Development", "Development"), ("Test", "Test"), ("Production", "Production")];

    private const string Infra = "api-deployer/infras/{infraId}";

    public static void Map(RouteTable routes, EmulatorContext context)
    {
        var store = context.Store;

        routes.MapPublicApi("GET", "api-deployer/stages", _ => DssResponse.Json(new JsonArray(Stages
            .Select(stage => (JsonNode)new JsonObject { ["id"] = stage.Id, ["desc"] = stage.Description })
            .ToArray())));

        routes.MapPublicApi("GET", "api-deployer/infras", request => DssResponse.Json(store.Read(state => new JsonArray(state.Infras.InIdOrder()
            .Select(infra => (JsonNode)DeployerViews.InfraLightStatus(state, infra, request.CallerIsAdmin))
            .ToArray()))));

        routes.MapAdminApi("POST", "api-deployer/infras", async request =>
        {
            const string owner = "infrastructure creation";
            var body = await request.ReadJsonObjectAsync();
            var infraId = DssJson.RequireString(body, "id", owner);
            var type = DssJson.RequireEnum(body, "type", owner, InfraTypes);
            var settings = new JsonObject
            {
                ["id"] = infraId,
                ["stage"] = RequireStage(DssJson.RequireString(body, "stage", owner)),
                ["type"] = type,
                ["governCheckPolicy"] = DssJson.OptionalEnum(body, "governCheckPolicy", owner, GovernCheckPolicies) ?? "NO_CHECK",
                ["permissions"] = new JsonArray(),
            };
            if (type == DeployerViews.StaticInfra)
            {
                settings["apiNodes"] = new JsonArray();
            }

            return DssResponse.Json(store.Write(state =>
            {
                if (infraId.Length == 0 || !state.Infras.TryAdd(infraId, new InfraState { Settings = settings }))
                {
                    throw DssError.IllegalArgument(infraId.Length == 0 ? "The infrastructure id cannot be empty" : $"Infrastructure {infraId} already exists");
                }

                return settings.DeepClone();
            }));
        });

        routes.MapPublicApi("GET", Infra, request => DssResponse.Json(store.Read(state =>
            DeployerViews.InfraLightStatus(state, state.RequireInfra(request.Route("infraId")), request.CallerIsAdmin))));

        // The settings hold the API nodes' admin keys: DSS shows them only to those who may manage the infrastructure.
        routes.MapAdminApi("GET", Infra + "/settings", request => DssResponse.Json(store.Read(state =>
            state.RequireInfra(request.Route("infraId")).Settings.DeepClone())));

        routes.MapAdminApi("PUT", Infra + "/settings", async request =>
        {
            var body = await request.ReadJsonObjectAsync();
            store.Write(state =>
            {
                var infra = state.RequireInfra(request.Route("infraId"));
                infra.Settings = NormalizeSettings(body, infra.Settings, context.Secrets);
            });
            return DssResponse.Empty;
        });

        routes.MapAdminApi("DELETE", Infra, request =>
        {
            store.Write(state =>
            {
                var infraId = request.Route("infraId");
                state.RequireInfra(infraId);
                state.RequireNoDeployments("infraId", infraId, $"infrastructure {infraId}");
                state.Infras.Remove(infraId);
            });
            return DssResponse.Empty;
        });
    }

    private static string RequireStage(string stage) => Stages.Any(known => known.Id == stage)
        ? stage
        : throw DssError.IllegalArgument($"Unknown deployment stage '{stage}'; expected one of {string.Join(", ", Stages.Select(known => known.Id))}");

    /// <summary>
    /// The settings DSS would store from a saved body: id and type cannot change, STATIC infrastructures
    /// always carry <c>apiNodes</c>, secrets are stored encrypted, unknown fields are kept.
    /// </summary>
    private static JsonObject NormalizeSettings(JsonObject body, JsonObject current, SecretBox secrets)
    {
        const string owner = "infrastructure settings";
        var settings = body.DeepClone().AsObject();
        var type = current.Text("type");
        var savedType = DssJson.OptionalEnum(settings, "type", owner, InfraTypes);
        if (savedType is not null && savedType != type)
        {
            throw DssError.IllegalArgument($"The type of an infrastructure cannot change (from {type} to {savedType})");
        }

        settings["id"] = current["id"]!.DeepClone();
        settings["type"] = type;
        settings["stage"] = RequireStage(DssJson.OptionalString(settings, "stage", owner) ?? current.Text("stage"));
        settings["governCheckPolicy"] = DssJson.OptionalEnum(settings, "governCheckPolicy", owner, GovernCheckPolicies) ?? "NO_CHECK";
        if (type == DeployerViews.StaticInfra)
        {
            var nodes = DssJson.OptionalArray(settings, "apiNodes", owner) ?? [];
            foreach (var (node, index) in nodes.Select((node, index) => (node, index)))
            {
                if (node is not JsonObject apiNode)
                {
                    throw DssError.MalformedRequest($"apiNodes[{index}] must be a JSON object");
                }

                DssJson.RequireString(apiNode, "url", $"apiNodes[{index}]");
            }

            settings["apiNodes"] ??= new JsonArray();
        }

        secrets.EncryptInfraSecrets(settings, type);
        return settings;
    }
}
