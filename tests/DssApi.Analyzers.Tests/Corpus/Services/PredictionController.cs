using System.Text.Json.Nodes;
using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Scoring.Web;

/// <summary>The endpoint behind the web shop's "risk" badge: forwards to the API node.</summary>
public sealed class PredictionController(DssApiNodeClient apiNode, ILogger<PredictionController> logger)
{
    public async Task<long?> ScoreAsync(IReadOnlyDictionary<string, object?> customer, CancellationToken cancellationToken)
    {
        var features = new JsonObject();
        foreach (var (name, value) in customer)
        {
            features[name] = JsonValue.Create(value?.ToString());
        }

        var response = await apiNode.PredictRecordAsync("churn", features, cancellationToken: cancellationToken);
        logger.LogDebug("Scored customer with {Generation}", response.ApiContext?.ServiceGeneration);
        return response.Result?.ProbabilityPercentile;
    }

    public static DssApiNodeClient Create(Uri url, string serviceId) =>
        new(new DssApiNodeClientOptions
        {
            Url = url,
            ServiceId = serviceId,
            ApiKey = Environment.GetEnvironmentVariable("SCORING_API_KEY"),
        });

    public static DssApiNodeClient CreateForLocalTesting(string serviceId) =>
        new(new DssApiNodeClientOptions
        {
            Url = new Uri("https://localhost:12000"),
            ServiceId = serviceId,
            ApiKey = "local-scoring-key", // expect: DSS1008
            DangerousAcceptAnyServerCertificate = true, // expect: DSS1009
        });
}
