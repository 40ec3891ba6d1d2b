using System.Text.Json.Nodes;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>Validation of deployment settings against the deployer's state (dss-protocol §5.6).</summary>
internal static class DeploymentSettings
{
    private const string SingleGeneration = "SINGLE_GENERATION";
    public const string MultiGeneration = "MULTI_GENERATION";
    private const string RandomStrategy = "RANDOM";
    public const string HashBasedStrategy = "HASH_BASED";

    private static readonly IReadOnlyCollection<string> MappingModes = [SingleGeneration, MultiGeneration];
    private static readonly IReadOnlyCollection<string> Strategies = [RandomStrategy, HashBasedStrategy];
    private static readonly IReadOnlyCollection<string> AuthModes = ["INHERIT_DEV", "PUBLIC", "API_KEYS", "OAUTH2"];

    /// <summary>The settings of a new deployment: enabled, serving one version, not yet updated.</summary>
    public static JsonObject New(string deploymentId, string publishedServiceId, string infraId, string version, string? endpointId, JsonArray? authorizations) => new()
    {
        ["id"] = deploymentId,
        ["publishedServiceId"] = publishedServiceId,
        ["infraId"] = infraId,
        ["enabled"] = true,
        ["generationsMapping"] = new JsonObject { ["mode"] = SingleGeneration, ["generation"] = version },
        ["endpointId"] = endpointId,
        ["authorizationsToQueryThroughDeployer"] = authorizations,
        ["tags"] = new JsonArray(),
    };

    /// <summary>The version ids the generations mapping of deployment settings routes to.</summary>
    public static IReadOnlyList<string> Generations(JsonObject settings) => MappingGenerations(settings["generationsMapping"] as JsonObject);

    /// <summary>The version ids a generations mapping routes to.</summary>
    public static IReadOnlyList<string> MappingGenerations(JsonObject? mapping) => mapping is null
        ? []
        : mapping["mode"]?.GetValue<string>() == MultiGeneration
            ? (mapping["entries"] as JsonArray ?? []).Select(entry => entry!["generation"]!.GetValue<string>()).ToArray()
            : mapping["generation"] is JsonNode generation ? [generation.GetValue<string>()] : [];

    public static string ServedServiceId(JsonObject settings) =>
        (settings["deployedServiceId"] ?? settings["publishedServiceId"])!.GetValue<string>();

    /// <summary>
    /// Checks settings about to be stored under <paramref name="deploymentId"/>: references must exist, the
    /// mapping must be well formed, and no other deployment may serve the same service id on the same infrastructure.
    /// </summary>
    public static void Validate(EmulatorState state, string deploymentId, JsonObject settings)
    {
        const string owner = "deployment settings";
        var publishedServiceId = DssJson.RequireString(settings, "publishedServiceId", owner);
        var infraId = DssJson.RequireString(settings, "infraId", owner);
        DssJson.OptionalBool(settings, "enabled", owner);
        DssJson.OptionalString(settings, "endpointId", owner);
        var deployedServiceId = DssJson.OptionalString(settings, "deployedServiceId", owner);
        if (DssJson.OptionalObject(settings, "auth", owner) is { } auth)
        {
            DssJson.OptionalEnum(auth, "authMode", "deployment auth", AuthModes);
            foreach (var (node, index) in (DssJson.OptionalArray(auth, "apiKeys", "deployment auth") ?? []).Select((node, index) => (node, index)))
            {
                var apiKey = node as JsonObject ?? throw DssError.MalformedRequest($"auth.apiKeys[{index}] must be a JSON object");
                DssJson.RequireString(apiKey, "key", $"auth.apiKeys[{index}]");
            }
        }

        var service = state.PublishedServices.GetValueOrDefault(publishedServiceId)
            ?? throw DssError.IllegalArgument($"Published service {publishedServiceId} does not exist");
        if (!state.Infras.ContainsKey(infraId))
        {
            throw DssError.IllegalArgument($"Infrastructure {infraId} does not exist");
        }

        ValidateMapping(DssJson.RequireObject(settings, "generationsMapping", owner), service, publishedServiceId);

        var servedId = deployedServiceId ?? publishedServiceId;
        var rival = state.Deployments.Values.FirstOrDefault(other => other.Id() != deploymentId
            && other.Settings["infraId"]?.GetValue<string>() == infraId
            && ServedServiceId(other.Settings) == servedId);
        if (rival is not null)
        {
            throw DssError.IllegalArgument($"Service {servedId} is already deployed on infrastructure {infraId} by deployment {rival.Id()}");
        }
    }

    private static void ValidateMapping(JsonObject mapping, PublishedServiceState service, string publishedServiceId)
    {
        const string owner = "generationsMapping";
        var mode = DssJson.RequireEnum(mapping, "mode", owner, MappingModes);
        void RequireVersion(string version)
        {
            if (service.Versions.All(known => known.Id != version))
            {
                throw DssError.IllegalArgument($"Version {version} does not exist in published service {publishedServiceId}");
            }
        }

        if (mode == SingleGeneration)
        {
            RequireVersion(DssJson.RequireString(mapping, "generation", owner));
            return;
        }

        DssJson.RequireEnum(mapping, "strategy", owner, Strategies);
        DssJson.OptionalString(mapping, "auditRoutingKey", owner);
        var entries = DssJson.RequireArray(mapping, "entries", owner);
        if (entries.Count == 0)
        {
            throw DssError.IllegalArgument("A MULTI_GENERATION mapping needs at least one entry");
        }

        var total = 0.0;
        foreach (var (node, index) in entries.Select((node, index) => (node, index)))
        {
            var entry = node as JsonObject ?? throw DssError.MalformedRequest($"{owner}.entries[{index}] must be a JSON object");
            RequireVersion(DssJson.RequireString(entry, "generation", $"{owner}.entries[{index}]"));
            var proba = DssJson.OptionalNumber(entry, "proba", $"{owner}.entries[{index}]")
                ?? throw DssError.IllegalArgument($"'proba' is required in {owner}.entries[{index}]");
            if (proba < 0)
            {
                throw DssError.IllegalArgument($"{owner}.entries[{index}].proba cannot be negative");
            }

            total += proba;
        }

        if (Math.Abs(total - 1) > 1e-6)
        {
            throw DssError.IllegalArgument($"The probabilities of a MULTI_GENERATION mapping must sum to 1 (they sum to {total})");
        }
    }
}
