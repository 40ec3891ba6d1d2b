using System.Globalization;
using System.Text.Json.Nodes;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Models;

/// <summary>A saved-model version as a package carries it: its id, version and parameters.</summary>
internal sealed record PackagedModel(string SavedModelId, string VersionId, string PredictionType, JsonObject Parameters);

/// <summary>What a prediction query asks to explain (dss-protocol §4 explanations object).</summary>
internal sealed record ExplanationRequest(bool Enabled, int Count)
{
    public const int DefaultCount = 3;
}

/// <summary>
/// Deterministic scoring of the demo models: every output is a pure function of the input and the packaged
/// model version (formulas in the emulator README), rounded to 6 decimals so tests can compare exactly.
/// </summary>
internal static class ModelScorer
{
    private const int Decimals = 6;

    public static JsonObject Predict(PackagedModel model, JsonObject features, ExplanationRequest explanations)
    {
        var parameters = model.Parameters;
        var result = model.PredictionType switch
        {
            PredictionTypes.BinaryClassification => Classify(parameters, features),
            PredictionTypes.Regression => new JsonObject { ["prediction"] = Round(LinearScore(parameters, features)) },
            PredictionTypes.CausalRegression => new JsonObject { ["predictedEffect"] = Round(LinearScore(parameters, features)) },
            PredictionTypes.Clustering => new JsonObject { ["cluster"] = NearestCentroid(parameters, features) },
            _ => throw DssError.IllegalArgument($"Model {model.SavedModelId} ({model.PredictionType}) does not predict single records"),
        };
        if (explanations.Enabled && parameters["weights"] is JsonObject)
        {
            result["explanations"] = Explain(parameters, features, explanations.Count);
        }

        result["ignored"] = false;
        return result;
    }

    /// <summary>What a demo function returns for its arguments: the same linear formula as the regression models.</summary>
    public static double RunFunction(JsonObject function, JsonObject arguments) => Round(LinearScore(function, arguments));

    /// <summary>Forecasts every time series found in <paramref name="items"/> (grouped by the identifier columns).</summary>
    public static JsonArray Forecast(PackagedModel model, JsonArray items)
    {
        var parameters = model.Parameters;
        var timeColumn = parameters.Text("timeColumn");
        var targetColumn = parameters.Text("targetColumn");
        var identifierColumns = Strings(parameters["identifierColumns"]);
        var horizon = parameters["horizon"]!.GetValue<int>();
        var frequency = TimeSpan.FromDays(parameters["frequencyDays"]!.GetValue<double>());
        var trendWindow = parameters["trendWindow"]!.GetValue<int>();
        var quantiles = parameters["quantiles"]!.AsArray();
        var spreads = parameters["quantileSpreads"]!.AsArray().Select(spread => spread!.GetValue<double>()).ToArray();

        var points = items.Select((item, index) => ReadForecastPoint(item, index, timeColumn, targetColumn, identifierColumns));
        var results = new JsonArray();
        foreach (var series in points.GroupBy(point => point.SeriesKey))
        {
            var history = series.OrderBy(point => point.Time).ToArray();
            var last = history[^1];
            if (DateTimeOffset.MaxValue - last.Time < frequency * horizon)
            {
                throw DssError.IllegalArgument(
                    $"Cannot forecast {horizon} steps of {frequency.TotalDays} day(s) after {last.Time:O}: that is past the end of the calendar");
            }

            var window = Math.Min(trendWindow, history.Length - 1);
            var slope = window > 0 ? (last.Value - history[^(window + 1)].Value) / window : 0;
            for (var step = 1; step <= horizon; step++)
            {
                var forecast = last.Value + slope * step;
                // Typed as JsonNode so Add takes the node itself, not the generic overload that wraps values by reflection.
                JsonNode point = new JsonObject
                {
                    ["forecast"] = Round(forecast),
                    ["quantiles"] = quantiles.DeepClone(),
                    ["quantilesValues"] = new JsonArray(spreads.Select(spread => (JsonNode)Round(forecast + spread * Math.Sqrt(step))).ToArray()),
                    ["time"] = (last.Time + frequency * step).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["timeseriesIdentifier"] = last.Identifier.DeepClone(),
                    ["ignored"] = false,
                };
                results.Add(point);
            }
        }

        return results;
    }

    private static JsonObject Classify(JsonObject parameters, JsonObject features)
    {
        var classes = Strings(parameters["classes"]);
        var threshold = parameters["threshold"]!.GetValue<double>();
        var positive = 1 / (1 + Math.Exp(-LinearScore(parameters, features)));
        return new JsonObject
        {
            ["prediction"] = positive >= threshold ? classes[1] : classes[0],
            ["probas"] = new JsonObject { [classes[0]] = Round(1 - positive), [classes[1]] = Round(positive) },
        };
    }

    private static double LinearScore(JsonObject parameters, JsonObject features) =>
        parameters["intercept"]!.GetValue<double>() + Contributions(parameters, features).Sum(contribution => contribution.Value);

    /// <summary>
    /// One term per weight: <c>"feature"</c> multiplies the numeric value (missing or non-numeric counts as 0);
    /// <c>"feature=value"</c> adds its weight when the feature equals that value.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, double>> Contributions(JsonObject parameters, JsonObject features)
    {
        foreach (var (term, weightNode) in parameters["weights"]!.AsObject())
        {
            var weight = weightNode!.GetValue<double>();
            var separator = term.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                yield return KeyValuePair.Create(term, weight * (DssJson.AsNumber(features[term]) ?? 0));
            }
            else
            {
                var feature = term[..separator];
                var matches = DssJson.AsText(features[feature]) == term[(separator + 1)..];
                yield return KeyValuePair.Create(feature, matches ? weight : 0);
            }
        }
    }

    private static JsonObject Explain(JsonObject parameters, JsonObject features, int count)
    {
        var strongest = Contributions(parameters, features)
            .GroupBy(contribution => contribution.Key, contribution => contribution.Value)
            .Select(group => KeyValuePair.Create(group.Key, group.Sum()))
            .OrderByDescending(contribution => Math.Abs(contribution.Value))
            .ThenBy(contribution => contribution.Key, StringComparer.Ordinal)
            .Take(count);
        return new JsonObject(strongest.Select(contribution => KeyValuePair.Create(contribution.Key, (JsonNode?)Round(contribution.Value))));
    }

    private static string NearestCentroid(JsonObject parameters, JsonObject features)
    {
        var point = Strings(parameters["features"]).Select(feature => DssJson.AsNumber(features[feature]) ?? 0).ToArray();
        return parameters["centroids"]!.AsObject()
            .Select(centroid => (Name: centroid.Key, Distance: centroid.Value!.AsArray()
                .Select((coordinate, axis) => Math.Pow(coordinate!.GetValue<double>() - point[axis], 2)).Sum()))
            .OrderBy(candidate => candidate.Distance)
            .First().Name;
    }

    private sealed record ForecastPoint(string SeriesKey, JsonObject Identifier, DateTimeOffset Time, double Value);

    private static ForecastPoint ReadForecastPoint(JsonNode? item, int index, string timeColumn, string targetColumn, IReadOnlyList<string> identifierColumns)
    {
        if (item is not JsonObject record)
        {
            throw DssError.IllegalArgument($"Forecast item {index} must be a JSON object");
        }

        var timeText = DssJson.AsText(record[timeColumn])
            ?? throw DssError.IllegalArgument($"Forecast item {index} has no value for time column '{timeColumn}'");
        if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw DssError.IllegalArgument($"Forecast item {index}: '{timeText}' is not a date for time column '{timeColumn}'");
        }

        var value = DssJson.AsNumber(record[targetColumn])
            ?? throw DssError.IllegalArgument($"Forecast item {index} has no numeric value for target column '{targetColumn}'");
        var identifier = new JsonObject(identifierColumns
            .Where(record.ContainsKey)
            .Select(column => KeyValuePair.Create(column, record[column]?.DeepClone())));
        return new ForecastPoint(identifier.ToJsonString(), identifier, time.ToUniversalTime(), value);
    }

    private static IReadOnlyList<string> Strings(JsonNode? array) =>
        array?.AsArray().Select(item => item!.GetValue<string>()).ToArray() ?? [];

    private static double Round(double value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
