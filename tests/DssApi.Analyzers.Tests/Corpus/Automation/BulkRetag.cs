using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Port of retag.ps1: puts the cost-center tag on every API service of a project.</summary>
public static class BulkRetag
{
    public static async Task RunAsync(DssClient client, string projectKey, string costCenter)
    {
        var project = client.GetProject(projectKey);
        var services = await project.ListApiServicesAsync();
        await Parallel.ForEachAsync(services, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
        {
            var settings = await item.ToApiService().GetSettingsAsync(ct);
            settings.Tags.Remove(settings.Tags.FirstOrDefault(t => t.StartsWith("cc:")) ?? "");
            settings.Tags.Add($"cc:{costCenter}");
            await settings.SaveAsync(ct);
        });
    }

    public static async Task DryRunAsync(DssClient client, string projectKey, string costCenter)
    {
        var project = client.GetProject(projectKey);
        foreach (var item in await project.ListApiServicesAsync())
        {
            var settings = await item.ToApiService().GetSettingsAsync();
            var current = settings.Tags.FirstOrDefault(t => t.StartsWith("cc:"));
            Console.WriteLine($"{item.Id}: {current ?? "(none)"} -> cc:{costCenter}");
        }
    }

    public static async Task RunSequentialAsync(DssClient client, string projectKey, string costCenter)
    {
        var project = client.GetProject(projectKey);
        foreach (var item in await project.ListApiServicesAsync())
        {
            var settings = await item.ToApiService().GetSettingsAsync();
            if (settings.Tags.Contains($"cc:{costCenter}"))
            {
                continue;
            }

            settings.Tags.Add($"cc:{costCenter}"); // expect: DSS1002
            Console.WriteLine($"tagged {item.Id}");
        }
    }
}
