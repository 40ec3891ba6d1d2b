using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>The "basic info" and light-status shapes the deployer repeats across its routes (dss-protocol §5.4–5.8).</summary>
internal static class DeployerViews
{
    public const string StaticInfra = "STATIC";

    public static string Type(this InfraState infra) => infra.Settings.Text("type");

    /// <summary>The API nodes of a STATIC infrastructure (saved settings hold only objects with a string url).</summary>
    public static IEnumerable<JsonObject> ApiNodes(this InfraState infra) =>
        (infra.Settings["apiNodes"] as JsonArray ?? []).OfType<JsonObject>();

    public static string Url(this JsonObject apiNode) => apiNode.Text("url");

    public static IEnumerable<string> ApiNodeUrls(this InfraState infra) => infra.ApiNodes().Select(Url);

    public static JsonObject InfraBasicInfo(InfraState infra)
    {
        var settings = infra.Settings;
        var info = new JsonObject
        {
            ["id"] = settings["id"]!.DeepClone(),
            ["type"] = settings["type"]!.DeepClone(),
            ["stage"] = settings["stage"]!.DeepClone(),
            ["carbonAPIEnabled"] = false,
            ["governCheckPolicy"] = settings["governCheckPolicy"]?.DeepClone(),
        };
        if (infra.Type() == StaticInfra)
        {
            info["apiNodeUrls"] = new JsonArray(infra.ApiNodeUrls().Select(url => (JsonNode)url).ToArray());
        }

        return info;
    }

    public static JsonObject DeploymentBasicInfo(DeploymentState deployment)
    {
        var settings = deployment.Settings;
        return new JsonObject
        {
            ["id"] = settings["id"]!.DeepClone(),
            ["type"] = "API_SERVICE",
            ["publishedServiceId"] = settings["publishedServiceId"]!.DeepClone(),
            ["deployedServiceId"] = settings["deployedServiceId"]?.DeepClone(),
            ["infraId"] = settings["infraId"]!.DeepClone(),
            ["enabled"] = settings["enabled"]?.DeepClone() ?? false,
            ["generationsMapping"] = settings["generationsMapping"]?.DeepClone(),
            ["endpointId"] = settings["endpointId"]?.DeepClone(),
            ["tags"] = settings["tags"]?.DeepClone() ?? new JsonArray(),
        };
    }

    public static JsonObject ServiceBasicInfo(PublishedServiceState service) => new()
    {
        ["id"] = service.Settings["id"]!.DeepClone(),
        ["name"] = service.Name(),
    };

    public static JsonArray VersionItems(PublishedServiceState service) => new(service.Versions.Select(version => (JsonNode)new JsonObject
    {
        ["id"] = version.Id,
        ["publishedOn"] = version.PublishedOn,
        ["publishedBy"] = version.PublishedBy,
        ["endpoints"] = PackageContent.FromZip(version.Archive).EndpointHeads(),
    }).ToArray());

    private static JsonArray DeploymentItems(IEnumerable<DeploymentState> deployments) =>
        new(deployments.Select(deployment => (JsonNode)DeploymentBasicInfo(deployment)).ToArray());

    public static JsonObject InfraLightStatus(EmulatorState state, InfraState infra, bool callerIsAdmin) => new()
    {
        ["infraBasicInfo"] = InfraBasicInfo(infra),
        ["deployments"] = DeploymentItems(state.DeploymentsWhere("infraId", infra.Settings.Text("id"))),
        ["isAdmin"] = callerIsAdmin,
    };

    public static JsonObject ServiceLightStatus(EmulatorState state, PublishedServiceState service)
    {
        var deployments = state.DeploymentsWhere("publishedServiceId", service.Settings.Text("id")).ToArray();
        return new JsonObject
        {
            ["serviceBasicInfo"] = ServiceBasicInfo(service),
            ["packages"] = VersionItems(service),
            ["deployments"] = DeploymentItems(deployments),
            ["infras"] = new JsonArray(deployments
                .Select(deployment => deployment.Settings.Text("infraId"))
                .Distinct()
                .Select(infraId => (JsonNode)InfraBasicInfo(state.Infras[infraId]))
                .ToArray()),
            ["canWrite"] = true,
            ["lastUpdated"] = service.LastUpdated,
        };
    }
}
