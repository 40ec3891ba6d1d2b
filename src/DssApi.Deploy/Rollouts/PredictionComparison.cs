using System.Globalization;
using System.Text.Json.Nodes;

namespace DssApi.Deploy;

/// <summary>
/// The optional gate of a rollout that the new version answers as the version it replaces: the same queries go
/// to both, each sent to one version explicitly (<c>dispatch.forcedGeneration</c>), through the deployer's test
/// queries. A classification must predict the same class; a regression may differ by <see cref="Tolerance"/>.
/// </summary>
public sealed record PredictionComparison
{
    /// <summary>The queries, in the shape of test queries: <c>{"name": …, "q": {"features": {…}}}</c> (the name is optional).</summary>
    public required IReadOnlyList<JsonObject> Queries { get; init; }

    /// <summary>How far apart two numeric predictions may be (0, the default: equal); classes must always be equal.</summary>
    public double Tolerance { get; init; }

    /// <summary>A comparison on the test queries kept with an endpoint of an API service of the API Designer.</summary>
    /// <param name="client">The DSS client.</param>
    /// <param name="projectKey">The project holding the API service.</param>
    /// <param name="serviceId">The API service.</param>
    /// <param name="endpointId">The endpoint; may be null when the service has one endpoint.</param>
    /// <param name="tolerance">See <see cref="Tolerance"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidOperationException">The endpoint is not found, not named among several, or has no test queries.</exception>
    public static async Task<PredictionComparison> FromTestQueriesAsync(DssClient client, string projectKey, string serviceId, string? endpointId, double tolerance = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(projectKey);
        ArgumentNullException.ThrowIfNull(serviceId);
        var settings = await client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = (settings.GetRaw()["endpoints"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var endpoint = endpointId is null
            ? endpoints.Count == 1 ? endpoints[0] : throw new InvalidOperationException($"API service {serviceId} has {endpoints.Count} endpoints: name the one whose test queries are compared")
            : endpoints.FirstOrDefault(item => item["id"]?.GetValue<string>() == endpointId)
                ?? throw new InvalidOperationException($"API service {serviceId} of project {projectKey} has no endpoint {endpointId}");
        var queries = (endpoint["testQueries"] as JsonArray ?? []).OfType<JsonObject>().Select(query => (JsonObject)query.DeepClone()).ToList();
        return queries.Count > 0
            ? new PredictionComparison { Queries = queries, Tolerance = tolerance }
            : throw new InvalidOperationException($"Endpoint {endpoint["id"]} of API service {serviceId} has no test queries to compare predictions on");
    }
}

/// <summary>
/// Runs a <see cref="PredictionComparison"/> during a rollout. The previous version's answers are read before the
/// first step and again whenever it is served, so the last step (where only the new version is) compares with
/// its answers at the step before.
/// </summary>
internal sealed class PredictionGate
{
    public const string Name = "same predictions";

    private readonly DssApiDeployerDeployment _deployment;
    private readonly PredictionComparison _comparison;
    private readonly string? _endpointId;
    private readonly string _previousVersion;
    private readonly string _newVersion;
    private JsonNode?[] _previousAnswers = [];

    private PredictionGate(DssApiDeployerDeployment deployment, PredictionComparison comparison, string? endpointId, string previousVersion, string newVersion)
    {
        _deployment = deployment;
        _comparison = comparison;
        _endpointId = endpointId;
        _previousVersion = previousVersion;
        _newVersion = newVersion;
    }

    /// <summary>A gate holding what <paramref name="previousVersion"/>, served now, answers.</summary>
    /// <exception cref="InvalidOperationException">A query fails on the previous version: there is nothing to compare with.</exception>
    public static async Task<PredictionGate> StartAsync(DssApiDeployerDeployment deployment, PredictionComparison comparison, string? endpointId, string previousVersion,
        string newVersion, CancellationToken cancellationToken)
    {
        var gate = new PredictionGate(deployment, comparison, endpointId, previousVersion, newVersion);
        var (answers, failure) = await gate.AnswersAsync(previousVersion, cancellationToken).ConfigureAwait(false);
        gate._previousAnswers = failure is null
            ? answers
            : throw new InvalidOperationException($"Cannot compare predictions with {previousVersion} before the rollout: {failure}");
        return gate;
    }

    /// <summary>Compares both versions; null when every query gets the same prediction, else the first difference or failure.</summary>
    public async Task<string?> CheckAsync(IReadOnlyList<TrafficShare> served, CancellationToken cancellationToken)
    {
        if (served.Any(share => share.Version == _previousVersion))
        {
            var (previous, previousFailure) = await AnswersAsync(_previousVersion, cancellationToken).ConfigureAwait(false);
            if (previousFailure is not null)
            {
                return previousFailure;
            }

            _previousAnswers = previous;
        }

        var (answers, failure) = await AnswersAsync(_newVersion, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        for (var i = 0; i < answers.Length; i++)
        {
            if (!Same(_previousAnswers[i], answers[i]))
            {
                return $"{Describe(i)}: {_previousVersion} predicted {Text(_previousAnswers[i])}, {_newVersion} predicted {Text(answers[i])}";
            }
        }

        return null;
    }

    /// <summary>What <paramref name="version"/> predicts for each query, or the first query it failed.</summary>
    private async Task<(JsonNode?[] Answers, string? Failure)> AnswersAsync(string version, CancellationToken cancellationToken)
    {
        var queries = _comparison.Queries.Select(query => TestQuery.FromJson(ForcedTo(query, version))).ToList();
        var result = await _deployment.RunTestQueriesAsync(_endpointId, queries, cancellationToken).ConfigureAwait(false);
        var responses = result.Responses.ToList();
        if (responses.Count != queries.Count)
        {
            return ([], $"{version} answered {responses.Count} of {queries.Count} queries");
        }

        var answers = new JsonNode?[responses.Count];
        for (var i = 0; i < responses.Count; i++)
        {
            if (responses[i].Error is { } error)
            {
                return ([], $"{Describe(i)} failed on {version}: {error["message"]?.GetValue<string>() ?? error.ToJsonString()}");
            }

            answers[i] = Prediction(responses[i].Response);
        }

        return (answers, null);
    }

    /// <summary>A copy of a test query that the API node answers with <paramref name="version"/> whatever the traffic split.</summary>
    private static JsonObject ForcedTo(JsonObject testQuery, string version)
    {
        var copy = (JsonObject)testQuery.DeepClone();
        if (copy["q"] is not JsonObject query)
        {
            // A bare query, as the deployer also takes it.
            query = copy;
            copy = new JsonObject { ["q"] = query };
        }

        query["dispatch"] = new JsonObject { ["forcedGeneration"] = version };
        return copy;
    }

    /// <summary>The prediction of an answer: <c>result.prediction</c> (a class or a number), else the whole result.</summary>
    private static JsonNode? Prediction(JsonNode? response) =>
        response?["result"]?["prediction"] ?? response?["result"] ?? response?["results"];

    private bool Same(JsonNode? previous, JsonNode? current) =>
        previous is JsonValue previousValue && current is JsonValue currentValue
            && previousValue.TryGetValue<double>(out var previousNumber) && currentValue.TryGetValue<double>(out var currentNumber)
            ? Math.Abs(previousNumber - currentNumber) <= _comparison.Tolerance
            : JsonNode.DeepEquals(previous, current);

    private static string Text(JsonNode? prediction) => prediction?.ToJsonString() ?? "nothing";

    private string Describe(int index) =>
        _comparison.Queries[index]["name"] is JsonValue name && name.TryGetValue<string>(out var text)
            ? $"query {index + 1} ({text})"
            : "query " + (index + 1).ToString(CultureInfo.InvariantCulture);
}
