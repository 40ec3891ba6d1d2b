using System.Diagnostics;
using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Models;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// Answers one query to a served endpoint the way the API node does (dss-protocol §4): picks the generation,
/// checks the endpoint answers that verb, scores, looks up, runs the function or the SQL queries, and adds
/// <c>timing</c> and <c>apiContext</c>.
/// </summary>
internal static class ApiNodeExecutor
{
    /// <summary>The verbs each endpoint type answers; the first one is what test queries use.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> VerbsByEndpointType = new Dictionary<string, string[]>
    {
        ["STD_PREDICTION"] = ["predict", "predict-multi"],
        ["STD_CLUSTERING"] = ["predict", "predict-multi"],
        ["CUSTOM_PREDICTION"] = ["predict", "predict-multi"],
        ["CUSTOM_R_PREDICTION"] = ["predict", "predict-multi"],
        ["STD_CAUSAL_PREDICTION"] = ["predict-effect", "predict-effect-multi"],
        ["STD_FORECAST"] = ["forecast"],
        ["DATASETS_LOOKUP"] = ["lookup", "lookup-multi"],
        ["PY_FUNCTION"] = ["run"],
        ["R_FUNCTION"] = ["run"],
        ["SQL_QUERY"] = ["query"],
    };

    public static IReadOnlySet<string> Verbs { get; } = VerbsByEndpointType.Values.SelectMany(verbs => verbs).ToHashSet();

    public static string DefaultVerb(string endpointType) => VerbsByEndpointType[endpointType][0];

    public static IReadOnlyList<string> VerbsOf(string endpointType) => VerbsByEndpointType[endpointType];

    /// <summary>Why the emulator cannot execute the endpoint, so that it is not loaded; null when it can.</summary>
    public static string? WhyNotServable(JsonObject endpoint, DemoProject demo) => endpoint.Text("type") switch
    {
        "STD_PREDICTION" or "STD_CLUSTERING" or "STD_FORECAST" or "STD_CAUSAL_PREDICTION" or "DATASETS_LOOKUP" => null,
        "PY_FUNCTION" => demo.Functions.ContainsKey(FunctionName(endpoint)) ? null
            : $"the DSS emulator runs, for a PY_FUNCTION endpoint, the demo project's function its userFunctionName names " +
                $"({string.Join(", ", demo.Functions.Keys)}) instead of its Python code, and there is no function {FunctionName(endpoint)}",
        "SQL_QUERY" => SqlQueryRunner.WhyNotServable(endpoint, demo),
        var type => $"the DSS emulator cannot execute {type} endpoints",
    };

    /// <param name="served">The service answering.</param>
    /// <param name="endpointId">The endpoint addressed.</param>
    /// <param name="verb">The last path segment: predict, forecast, lookup …</param>
    /// <param name="body">The query.</param>
    /// <param name="fingerprint">What identifies this request for a RANDOM traffic split.</param>
    /// <param name="seed">The emulator's seed.</param>
    /// <param name="demo">The demo project: its functions and the datasets SQL queries read.</param>
    public static JsonObject Execute(ServedService served, string endpointId, string verb, JsonObject body, string fingerprint, int seed, DemoProject demo)
    {
        const string owner = "query";
        var mapping = served.Snapshot.Settings["generationsMapping"]!.AsObject();
        var generation = GenerationDispatcher.Choose(mapping, DssJson.OptionalObject(body, "dispatch", owner), fingerprint, seed);
        var content = served.Generation(generation);
        var endpoint = content.FindEndpoint(endpointId)
            ?? throw DssError.NotFound($"Endpoint {endpointId} not found in service {served.ServiceId}");
        var type = endpoint.Text("type");
        if (!VerbsByEndpointType[type].Contains(verb))
        {
            throw DssError.IllegalArgument($"Endpoint {endpointId} is a {type} endpoint and does not answer '{verb}' queries");
        }

        if (served.Snapshot.UnavailableEndpoints.Contains(endpointId))
        {
            throw DssError.EndpointUnavailable($"Endpoint {endpointId} is not loaded: {WhyNotServable(endpoint, demo)}");
        }

        var watch = Stopwatch.StartNew();
        var response = verb switch
        {
            "predict" or "predict-effect" => new JsonObject
            {
                ["result"] = ModelScorer.Predict(Model(content, endpoint), DssJson.RequireObject(body, "features", owner), Explanations(body, endpoint)),
            },
            "predict-multi" or "predict-effect-multi" => new JsonObject
            {
                ["results"] = EachItem(body, item =>
                    ModelScorer.Predict(Model(content, endpoint), DssJson.RequireObject(item, "features", "item"), Explanations(body, endpoint))),
            },
            "forecast" => new JsonObject { ["results"] = ModelScorer.Forecast(Model(content, endpoint), DssJson.RequireArray(body, "items", owner)) },
            "lookup" => new JsonObject
            {
                ["results"] = new JsonArray(DatasetLookup.Lookup(content, endpoint, DssJson.RequireObject(body, "data", owner))),
            },
            "lookup-multi" => new JsonObject
            {
                ["results"] = EachItem(body, item => DatasetLookup.Lookup(content, endpoint, DssJson.RequireObject(item, "data", "item"))),
            },
            "run" => new JsonObject { ["response"] = ModelScorer.RunFunction(demo.Functions[FunctionName(endpoint)], body) },
            "query" => new JsonObject { ["results"] = SqlQueryRunner.Run(endpoint, body, demo) },
            _ => throw DssError.EndpointUnavailable($"Endpoint {endpointId} cannot answer '{verb}' in the DSS emulator"),
        };
        var elapsed = (long)watch.Elapsed.TotalMicroseconds;
        response["timing"] = verb == "run"
            ? new JsonObject { ["wait"] = 0, ["execution"] = elapsed, ["functionInternal"] = elapsed }
            : new JsonObject
            {
                ["preProcessing"] = 0,
                ["wait"] = 0,
                ["enrich"] = 0,
                ["preparation"] = 0,
                ["prediction"] = elapsed,
                ["postProcessing"] = 0,
            };
        response["apiContext"] = new JsonObject
        {
            ["serviceId"] = served.ServiceId,
            ["endpointId"] = endpointId,
            ["serviceGeneration"] = generation,
        };
        return response;
    }

    private static string FunctionName(JsonObject endpoint) => endpoint["userFunctionName"]?.GetValue<string>() ?? "api_py_function";

    private static PackagedModel Model(PackageContent content, JsonObject endpoint)
    {
        var modelRef = endpoint.Text("modelRef");
        return content.FindModel(modelRef) ?? throw DssError.EndpointUnavailable($"Saved model {modelRef} is not in this package");
    }

    private static JsonArray EachItem(JsonObject body, Func<JsonObject, JsonObject> answer) =>
        new(DssJson.RequireArray(body, "items", "query")
            .Select((item, index) => (JsonNode)answer(item as JsonObject ?? throw DssError.MalformedRequest($"items[{index}] must be a JSON object")))
            .ToArray());

    /// <summary>The query's explanation request; the endpoint's <c>outputExplanations</c> turns them on by default.</summary>
    private static ExplanationRequest Explanations(JsonObject body, JsonObject endpoint)
    {
        var query = DssJson.OptionalObject(body, "explanations", "query") ?? [];
        var enabled = DssJson.OptionalBool(query, "enabled", "explanations") ?? endpoint["outputExplanations"]?.GetValue<bool>() ?? false;
        var count = DssJson.OptionalNumber(query, "nExplanations", "explanations") ?? ExplanationRequest.DefaultCount;
        return new ExplanationRequest(enabled, (int)count);
    }
}
