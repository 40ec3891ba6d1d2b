using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Designer;

/// <summary>
/// API service settings as the API Designer stores them: validated, with the defaults DSS fills for
/// omitted endpoint fields (dss-protocol §2.5, §5.1), and every unknown field kept verbatim.
/// </summary>
internal static class ApiServiceSettings
{
    private static readonly IReadOnlyCollection<string> AuthMethods = ["PUBLIC", "API_KEYS", "OAUTH2"];

    /// <summary>The fields DSS fills in when an endpoint of each type omits them.</summary>
    private static readonly IReadOnlyDictionary<string, string> EndpointDefaults = new Dictionary<string, string>
    {
        ["STD_PREDICTION"] = StandardModelDefaults(useJava: true),
        ["STD_CLUSTERING"] = StandardModelDefaults(useJava: true),
        ["STD_FORECAST"] = StandardModelDefaults(useJava: true),
        ["STD_CAUSAL_PREDICTION"] = StandardModelDefaults(useJava: false),
        ["CUSTOM_PREDICTION"] = """{"code":"","enrichMapping":[],"returnPostEnrichData":false,"auditPostEnrichData":false,"testQueries":[]}""",
        ["CUSTOM_R_PREDICTION"] = """{"code":"","userFunctionName":"prediction_function","passArgumentsAsList":false,"enrichMapping":[],"returnPostEnrichData":false,"auditPostEnrichData":false,"testQueries":[]}""",
        ["PY_FUNCTION"] = """{"code":"","userFunctionName":"api_py_function","inputFolderRefs":[],"testQueries":[]}""",
        ["R_FUNCTION"] = """{"code":"","userFunctionName":"api_r_function","inputFolderRefs":[],"passArgumentsAsList":false,"testQueries":[]}""",
        ["SQL_QUERY"] = """{"queries":[{"query":"-- Insert your SQL code here","inputParameters":[]}],"testQueries":[]}""",
        ["DATASETS_LOOKUP"] = """{"lookups":[],"testQueries":[]}""",
    };

    public static IReadOnlyCollection<string> EndpointTypes { get; } = EndpointDefaults.Keys.ToArray();

    /// <summary>The settings of a service just created: no endpoints, open to the public (DSS's default).</summary>
    public static JsonObject New(string projectKey, string serviceId) => new()
    {
        ["id"] = serviceId,
        ["projectKey"] = projectKey,
        ["name"] = serviceId,
        ["authMethod"] = "PUBLIC",
        ["publicAccess"] = true,
        ["authRealm"] = new JsonObject { ["queryKeys"] = new JsonArray() },
        ["endpoints"] = new JsonArray(),
        ["tags"] = new JsonArray(),
    };

    /// <summary>The <c>{id, type}</c> pairs DSS lists for a service, a package or a published version.</summary>
    public static JsonArray EndpointHeads(JsonObject settings) => new(settings["endpoints"]!.AsArray()
        .Select(endpoint => (JsonNode)new JsonObject { ["id"] = endpoint!["id"]!.DeepClone(), ["type"] = endpoint["type"]!.DeepClone() })
        .ToArray());

    /// <summary>Validates a saved settings body and returns what DSS would store; the body itself is not modified.</summary>
    public static JsonObject Normalize(JsonObject body, string projectKey, string serviceId)
    {
        const string owner = "API service settings";
        var settings = body.DeepClone().AsObject();
        settings["id"] = serviceId;
        settings["projectKey"] = projectKey;
        DssJson.OptionalString(settings, "name", owner);

        // authMethod supersedes the legacy publicAccess flag; keep both consistent.
        var authMethod = DssJson.OptionalEnum(settings, "authMethod", owner, AuthMethods)
            ?? ((DssJson.OptionalBool(settings, "publicAccess", owner) ?? false) ? "PUBLIC" : "API_KEYS");
        settings["authMethod"] = authMethod;
        settings["publicAccess"] = authMethod == "PUBLIC";

        var realm = DssJson.OptionalObject(settings, "authRealm", owner) ?? new JsonObject();
        realm["queryKeys"] = new JsonArray(QueryKeys(realm).ToArray());
        settings["authRealm"] = realm;

        var endpoints = DssJson.OptionalArray(settings, "endpoints", owner) ?? [];
        settings["endpoints"] = new JsonArray(endpoints.Select((endpoint, index) => (JsonNode)NormalizeEndpoint(endpoint, index)).ToArray());
        var duplicate = settings["endpoints"]!.AsArray().GroupBy(endpoint => endpoint!["id"]!.GetValue<string>()).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw DssError.IllegalArgument($"Duplicate endpoint id '{duplicate.Key}' in API service {serviceId}");
        }

        return settings;
    }

    /// <summary>The query keys with a key generated for every entry saved without one.</summary>
    private static IEnumerable<JsonNode> QueryKeys(JsonObject realm)
    {
        foreach (var entry in DssJson.OptionalArray(realm, "queryKeys", "authRealm") ?? [])
        {
            if (entry is not JsonObject queryKey)
            {
                throw DssError.MalformedRequest("Each entry of authRealm.queryKeys must be a JSON object");
            }

            var copy = queryKey.DeepClone().AsObject();
            if (DssJson.OptionalString(copy, "key", "authRealm.queryKeys") is null)
            {
                copy["key"] = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
                copy["createdOn"] = EmulatorContext.Now();
                copy["createdBy"] = EmulatorContext.AdminLogin;
            }

            yield return copy;
        }
    }

    private static JsonObject NormalizeEndpoint(JsonNode? node, int index)
    {
        var owner = $"endpoint #{index}";
        if (node is not JsonObject endpoint)
        {
            throw DssError.MalformedRequest($"{owner} must be a JSON object");
        }

        var id = DssJson.RequireString(endpoint, "id", owner);
        if (id.Length == 0)
        {
            throw DssError.IllegalArgument($"{owner} has an empty id");
        }

        var type = DssJson.RequireEnum(endpoint, "type", $"endpoint {id}", EndpointTypes);
        ValidateEndpointFields(endpoint, $"endpoint {id}");
        var normalized = endpoint.DeepClone().AsObject();
        foreach (var (field, value) in JsonNode.Parse(EndpointDefaults[type])!.AsObject())
        {
            if (normalized[field] is null)
            {
                normalized[field] = value!.DeepClone();
            }
        }

        return normalized;
    }

    /// <summary>
    /// Checks the types of the endpoint fields the emulator reads when it packages, deploys and serves the
    /// service, so a wrong type is refused when saved instead of failing a later call.
    /// </summary>
    private static void ValidateEndpointFields(JsonObject endpoint, string owner)
    {
        foreach (var field in new[] { "modelRef", "code", "userFunctionName", "connection", "inputFolderRef" })
        {
            DssJson.OptionalString(endpoint, field, owner);
        }

        foreach (var field in new[] { "useJava", "outputExplanations", "returnPostEnrichData", "auditPostEnrichData", "computePropensity", "passArgumentsAsList" })
        {
            DssJson.OptionalBool(endpoint, field, owner);
        }

        foreach (var field in new[] { "lookups", "enrichMapping" })
        {
            foreach (var (node, index) in (DssJson.OptionalArray(endpoint, field, owner) ?? []).Select((node, index) => (node, index)))
            {
                ValidateLookupMapping(node, $"{owner}, {field}[{index}]");
            }
        }

        foreach (var (node, index) in (DssJson.OptionalArray(endpoint, "queries", owner) ?? []).Select((node, index) => (node, index)))
        {
            ValidateSqlQuery(node, $"{owner}, queries[{index}]");
        }

        foreach (var (node, index) in (DssJson.OptionalArray(endpoint, "testQueries", owner) ?? []).Select((node, index) => (node, index)))
        {
            var testQuery = node as JsonObject ?? throw DssError.MalformedRequest($"testQueries[{index}] in {owner} must be a JSON object");
            DssJson.OptionalString(testQuery, "name", $"{owner}, testQueries[{index}]");
            DssJson.OptionalObject(testQuery, "q", $"{owner}, testQueries[{index}]");
        }
    }

    /// <summary>A query of a SQL query endpoint (dss-protocol §5.1), as the API node runs it.</summary>
    private static void ValidateSqlQuery(JsonNode? node, string owner)
    {
        var query = node as JsonObject ?? throw DssError.MalformedRequest($"{owner} must be a JSON object");
        DssJson.RequireString(query, "query", owner);
        DssJson.OptionalNumber(query, "maxResults", owner);
        foreach (var (name, index) in (DssJson.OptionalArray(query, "inputParameters", owner) ?? []).Select((name, index) => (name, index)))
        {
            if (name?.GetValueKind() != JsonValueKind.String)
            {
                throw DssError.MalformedRequest($"inputParameters[{index}] in {owner} must be a string");
            }
        }
    }

    /// <summary>A datasets lookup or enrichment mapping (dss-protocol §5.1), as the API node reads it.</summary>
    private static void ValidateLookupMapping(JsonNode? node, string owner)
    {
        var mapping = node as JsonObject ?? throw DssError.MalformedRequest($"{owner} must be a JSON object");
        DssJson.RequireString(mapping, "datasetRef", owner);
        foreach (var field in new[] { "packagingType", "missingLookupKeyBehavior", "notFoundBehavior", "multiMatchBehavior" })
        {
            DssJson.OptionalString(mapping, field, owner);
        }

        foreach (var (on, index) in (DssJson.OptionalArray(mapping, "on", owner) ?? []).Select((on, index) => (on, index)))
        {
            var key = on as JsonObject ?? throw DssError.MalformedRequest($"on[{index}] in {owner} must be a JSON object");
            DssJson.RequireString(key, "resourceLookupCol", $"{owner}, on[{index}]");
            DssJson.RequireString(key, "inputLookupKey", $"{owner}, on[{index}]");
        }

        var columns = DssJson.OptionalObject(mapping, "columnsMapping", owner) ?? [];
        foreach (var column in columns)
        {
            DssJson.RequireString(columns, column.Key, $"{owner}, columnsMapping");
        }
    }

    private static string StandardModelDefaults(bool useJava) =>
        $$"""{"useJava":{{(useJava ? "true" : "false")}},"enrichMapping":[],"outputExplanations":false,"returnPostEnrichData":false,"auditPostEnrichData":false,"testQueries":[]}""";
}
