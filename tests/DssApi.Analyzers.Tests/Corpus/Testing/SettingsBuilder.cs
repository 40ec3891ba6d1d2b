using DssApi;

namespace Acme.Scoring.Tests;

/// <summary>Arrange helpers: settings in a known state before each test.</summary>
internal static class SettingsBuilder
{
    public static async Task<ApiServiceSettings> WithEndpointsAsync(DssApiService service, params string[] endpointIds)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var id in endpointIds)
        {
            settings.AddPredictionEndpoint(id, "test_model");
        }

        return settings;
    }

    public static async Task ArrangeAsync(DssApiService service)
    {
        var settings = await WithEndpointsAsync(service, "a", "b");
        await settings.SaveAsync();
    }

    public static async Task ResetAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var endpoint in settings.Endpoints.ToList())
        {
            settings.RemoveEndpoint(endpoint.Id!);
        }

        await settings.SaveAsync();
    }

    public static async Task RenameAsync(DssApiService service, string name)
    {
        var settings = await service.GetSettingsAsync();
        await settings.SaveAsync(); // expect: DSS1001
        settings.Name = name; // expect: DSS1002
    }

    public static async Task<ApiServiceSettings> LoadAsync(DssApiService service) => await service.GetSettingsAsync();

    public static async Task TouchAsync(DssApiService service)
    {
        var settings = await LoadAsync(service);
        await settings.SaveAsync();
    }
}
