// DssApiTargetVersion: 11.0
using System.Text.Json.Nodes;
using DssApi;

namespace Acme.Forecasting.Client;

/// <summary>Calls the forecasting and uplift endpoints of the API node.</summary>
public sealed class ApiNodeFeatures(DssApiNodeClient node, Version serverVersion)
{
    public async Task<ForecastResponse> ForecastAsync(IEnumerable<JsonNode?> history) =>
        await node.ForecastAsync("forecast", history); // expect: DSS1011

    public async Task<ForecastResponse?> ForecastIfSupportedAsync(IEnumerable<JsonNode?> history)
    {
        if (serverVersion < new Version(11, 4))
        {
            return null;
        }

        return await node.ForecastAsync("forecast", history);
    }

    public async Task<PredictionResponse> UpliftAsync(JsonObject features) =>
        await node.PredictEffectAsync("uplift", features); // expect: DSS1011

    public async Task<PredictionResponse> ScoreAsync(JsonObject features) =>
        await node.PredictRecordAsync("score", features);

    public async Task<MultiPredictionResponse?> UpliftManyAsync(IReadOnlyList<JsonNode?> records)
    {
        if (serverVersion >= new Version(12, 4) && records.Count > 0)
        {
            return await node.PredictEffectsAsync("uplift", records);
        }

        return null;
    }
}
