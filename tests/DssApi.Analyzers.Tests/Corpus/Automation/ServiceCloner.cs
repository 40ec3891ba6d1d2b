using System.Text.Json.Nodes;
using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Copies the endpoints of an API service into another project (port of clone-service.py).</summary>
public static class ServiceCloner
{
    public static async Task CloneAsync(DssClient client, string fromProject, string toProject, string serviceId)
    {
        var source = await client.GetProject(fromProject).GetApiService(serviceId).GetSettingsAsync();
        var target = await client.GetProject(toProject).CreateApiServiceAsync(serviceId);
        var targetSettings = await target.GetSettingsAsync();

        var raw = targetSettings.GetRaw();
        raw["endpoints"] = source.GetRaw()["endpoints"]?.DeepClone();
        raw["description"] = JsonValue.Create($"copied from {fromProject}");
        await targetSettings.SaveAsync();
    }

    public static async Task CloneDescriptionAsync(DssClient client, string fromProject, string toProject, string serviceId)
    {
        var source = await client.GetProject(fromProject).GetApiService(serviceId).GetSettingsAsync();
        var target = await client.GetProject(toProject).GetApiService(serviceId).GetSettingsAsync();
        target.Description = source.Description;
        target.ShortDescription = source.ShortDescription; // expect: DSS1002
        await source.SaveAsync(); // expect: DSS1001
    }

    public static async Task ApplyPatchAsync(DssApiService service, JsonObject patch)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var (key, value) in patch)
        {
            settings.GetRaw()[key] = value?.DeepClone();
        }

        await settings.SaveAsync();
    }

    public static async Task ApplyPatchWithHelperAsync(DssApiService service, JsonObject patch)
    {
        var settings = await service.GetSettingsAsync();
        Merge(settings.GetRaw(), patch);
        await settings.SaveAsync();

        static void Merge(JsonObject target, JsonObject source)
        {
            foreach (var (key, value) in source)
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
