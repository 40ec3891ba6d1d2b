namespace DssApi.Emulator.Models;

/// <summary>The kinds of demo model, and which standard endpoint type each one can back.</summary>
internal static class PredictionTypes
{
    public const string BinaryClassification = "BINARY_CLASSIFICATION";
    public const string Regression = "REGRESSION";
    public const string Clustering = "CLUSTERING";
    public const string TimeseriesForecast = "TIMESERIES_FORECAST";
    public const string CausalRegression = "CAUSAL_REGRESSION";

    public static IReadOnlyCollection<string> ForEndpointType(string endpointType) => endpointType switch
    {
        "STD_PREDICTION" => [BinaryClassification, Regression],
        "STD_CLUSTERING" => [Clustering],
        "STD_FORECAST" => [TimeseriesForecast],
        "STD_CAUSAL_PREDICTION" => [CausalRegression],
        _ => [],
    };
}
