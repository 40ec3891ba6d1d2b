using DssApi;

namespace Acme.Design;

/// <summary>Builds the API services of the fraud project from a small description.</summary>
public static class ServiceDesigner
{
    public static async Task DesignAsync(DssProject project, string serviceId, IReadOnlyList<(string Endpoint, string Model)> models, string? owner)
    {
        var service = await project.CreateApiServiceAsync(serviceId);
        var settings = await service.GetSettingsAsync();
        foreach (var (endpoint, model) in models)
        {
            settings.AddPredictionEndpoint(endpoint, model);
        }

        settings.ShortDescription = owner is null ? "unowned" : $"owned by {owner}";
        settings.Tags.Add("fraud");
        await settings.SaveAsync();
    }

    public static async Task TagAsync(DssApiService service, string tag)
    {
        var settings = await service.GetSettingsAsync();
        if (settings.Tags.Contains(tag))
        {
            return;
        }

        settings.Tags.Add(tag);
        await settings.SaveAsync();
    }

    public static async Task DescribeAsync(DssApiService service, string? description)
    {
        var settings = await service.GetSettingsAsync();
        settings.Description = description ?? throw new ArgumentNullException(nameof(description));
        await settings.SaveAsync();
    }

    public static async Task RefreshAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        Console.WriteLine($"{settings.Name}: {settings.Endpoints.Count} endpoints, auth {settings.AuthMethod}");
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task AddLookupAsync(DssApiService service, string endpointId)
    {
        var settings = await service.GetSettingsAsync();
        var lookup = settings.AddDatasetsLookupEndpoint(endpointId); // expect: DSS1002
        Console.WriteLine($"Added {lookup.Id}");
    }
}
