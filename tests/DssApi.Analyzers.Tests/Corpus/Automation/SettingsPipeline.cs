using DssApi;

namespace Acme.Design.Pipeline;

/// <summary>Each step edits the settings it is given; the runner loads once and saves once.</summary>
public static class SettingsPipeline
{
    public static async Task RunAsync(DssApiService service, IEnumerable<Action<ApiServiceSettings>> steps)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var step in steps)
        {
            step(settings);
        }

        await settings.SaveAsync();
    }

    public static async Task RunNamedAsync(DssApiService service, string owner)
    {
        var settings = await service.GetSettingsAsync();
        ApplyOwner(settings, owner);
        ApplyDefaults(settings);
        await settings.SaveAsync();
    }

    public static async Task PreviewAsync(DssApiService service, string owner)
    {
        var settings = await service.GetSettingsAsync();
        Describe(settings);
        await settings.SaveAsync();
    }

    public static async Task WithLocalFunctionAsync(DssApiService service, string owner)
    {
        var settings = await service.GetSettingsAsync();
        SetOwner();
        await settings.SaveAsync();

        void SetOwner() => settings.ShortDescription = $"owner: {owner}";
    }

    public static async Task WithUnusedLocalFunctionAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        Log();
        await settings.SaveAsync(); // expect: DSS1001

        void Log() => Console.WriteLine($"saving {settings.Name}");
    }

    private static void ApplyOwner(ApiServiceSettings settings, string owner) => settings.ShortDescription = $"owner: {owner}";

    private static void ApplyDefaults(ApiServiceSettings settings)
    {
        settings.PublicAccess ??= false;
    }

    private static void Describe(ApiServiceSettings settings) => Console.WriteLine(settings.Description);
}
