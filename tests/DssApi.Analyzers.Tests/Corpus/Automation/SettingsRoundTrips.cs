using System.Text.Json.Nodes;
using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Helpers written during the DSS 13 migration; some of them saved settings "just in case".</summary>
public static class SettingsRoundTrips
{
    public static async Task ResaveAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task ResaveDeploymentAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        var mode = settings.GenerationsMapping?.Mode;
        Console.WriteLine($"{deployment.DeploymentId} serves in {mode} mode");
        await settings.SaveAsync(ignoreWarnings: true); // expect: DSS1001
    }

    public static async Task ResaveInfraAsync(DssApiDeployerInfra infra)
    {
        var settings = await infra.GetSettingsAsync();
        var logging = settings.DefaultApiNodeLogging;
        Console.WriteLine($"logging: {logging}");
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task ResavePublishedAsync(DssApiDeployerService service)
    {
        var settings = await service.GetSettingsAsync();
        if (settings.Owner is null)
        {
            Console.WriteLine($"{service.ServiceId} has no owner");
        }

        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task SaveTwiceAsync(DssApiService service, string description)
    {
        var settings = await service.GetSettingsAsync();
        settings.Description = description;
        await settings.SaveAsync();
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task SetMappingAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        var mapping = settings.GenerationsMapping;
        if (mapping is TrafficSplitMapping split)
        {
            split.AuditRoutingKey = "customer_id";
        }

        await settings.SaveAsync();
    }

    public static async Task EditRawAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        var overrides = settings.OverrideSettings as JsonObject;
        if (overrides is not null)
        {
            overrides["maxConcurrentRequests"] = 64;
        }

        await settings.SaveAsync();
    }

    public static async Task InspectRawAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        var overrides = settings.OverrideSettings?.ToJsonString() ?? "{}";
        Console.WriteLine(overrides);
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task ResaveIfChangedAsync(DssApiService service, string? description)
    {
        var settings = await service.GetSettingsAsync();
        if (description is not null)
        {
            settings.Description = description;
        }

        if (settings.HasChanges)
        {
            await settings.SaveAsync();
        }
    }

    public static async Task LoopAsync(DssApiService service, IEnumerable<string> tags)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var tag in tags)
        {
            settings.Tags.Add(tag);
        }

        await settings.SaveAsync();
    }

    public static async Task WhileAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        while (settings.Tags.Count > 10)
        {
            settings.Tags.RemoveAt(0);
        }

        await settings.SaveAsync();
    }
}
