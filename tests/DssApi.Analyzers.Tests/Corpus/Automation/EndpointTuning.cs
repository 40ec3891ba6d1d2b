using DssApi;

namespace Acme.Scoring.Tuning;

/// <summary>Turns on explanations and Java scoring on the prediction endpoints of a service.</summary>
public static class EndpointTuning
{
    public static async Task EnableExplanationsAsync(DssApiService service, string endpointId)
    {
        var settings = await service.GetSettingsAsync();
        var endpoint = settings.Endpoints.OfType<PredictionEndpoint>().Single(e => e.Id == endpointId);
        endpoint.OutputExplanations = true;
        endpoint.ExplanationParams ??= new ExplanationParams { Method = ExplanationMethod.Shapley, ExplanationCount = 3 };
        await settings.SaveAsync();
    }

    public static async Task UseJavaEverywhereAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var endpoint in settings.Endpoints)
        {
            if (endpoint is PredictionEndpoint prediction)
            {
                prediction.UseJava = true;
            }
        }

        await settings.SaveAsync();
    }

    public static async Task ReportAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        var predictions = settings.Endpoints.OfType<PredictionEndpoint>().ToList();
        Console.WriteLine($"{predictions.Count(p => p.UseJava == true)} of {predictions.Count} use Java");
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task CopyFlagsAsync(DssApiService from, DssApiService to)
    {
        var source = await from.GetSettingsAsync();
        var target = await to.GetSettingsAsync();
        foreach (var endpoint in target.Endpoints.OfType<PredictionEndpoint>())
        {
            var match = source.Endpoints.OfType<PredictionEndpoint>().FirstOrDefault(e => e.Id == endpoint.Id);
            endpoint.UseJava = match?.UseJava;
        }

        await target.SaveAsync();
    }
}
