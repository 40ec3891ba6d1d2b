using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Port of cleanup.ps1: deletes published versions no deployment uses, keeping the last N.</summary>
public static class CleanupOldVersions
{
    public static async Task<int> RunAsync(DssClient client, int keep, bool backup, string backupFolder)
    {
        var deployer = client.GetApiDeployer();
        var inUse = (await deployer.ListDeploymentsAsync())
            .SelectMany(d => d.Packages.Select(p => (d.DeploymentBasicInfo.PublishedServiceId, p.Id)))
            .ToHashSet();
        var deleted = 0;

        foreach (var status in await deployer.ListServicesAsync())
        {
            var service = status.ToService();
            var candidates = status.Packages
                .OrderByDescending(p => p.PublishedOn ?? 0)
                .Skip(keep)
                .Where(p => !inUse.Contains((status.ServiceBasicInfo.Id, p.Id)));

            foreach (var package in candidates)
            {
                if (backup)
                {
                    await using var stream = await service.GetVersionStreamAsync(package.Id);
                    await using var file = File.Create(Path.Combine(backupFolder, $"{status.ServiceBasicInfo.Id}-{package.Id}.zip"));
                    await stream.CopyToAsync(file);
                }

                await service.DeleteVersionAsync(package.Id);
                deleted++;
            }
        }

        return deleted;
    }

    public static async Task BackupOneAsync(DssApiDeployerService service, string version, string folder)
    {
        var stream = await service.GetVersionStreamAsync(version);
        var file = File.Create(Path.Combine(folder, version + ".zip"));
        await stream.CopyToAsync(file);
        file.Close();
        stream.Close();
    }

    public static async Task BackupOneLeakyAsync(DssApiDeployerService service, string version, string folder)
    {
        var stream = await service.GetVersionStreamAsync(version); // expect: DSS1004
        using var file = File.Create(Path.Combine(folder, version + ".zip"));
        await stream.CopyToAsync(file);
        Console.WriteLine($"backed up {stream}");
    }
}
