using DssApi;

namespace Acme.Tools.DssCtl;

/// <summary><c>dssctl export</c>: writes packages or published versions to files or stdout.</summary>
internal static class ExportCommand
{
    public static async Task<int> PackageAsync(DssClient client, string projectKey, string serviceId, string packageId, string? output)
    {
        var service = client.GetProject(projectKey).GetApiService(serviceId);
        if (output is not null)
        {
            await service.DownloadPackageToFileAsync(packageId, output);
            return 0;
        }

        await using var archive = await service.DownloadPackageStreamAsync(packageId);
        await using var stdout = Console.OpenStandardOutput();
        await archive.CopyToAsync(stdout);
        return 0;
    }

    public static async Task<int> VersionAsync(DssClient client, string serviceId, string version, string? output)
    {
        var service = client.GetApiDeployer().GetService(serviceId);
        Stream archive = await service.GetVersionStreamAsync(version); // expect: DSS1004
        var target = output is null ? Console.OpenStandardOutput() : File.Create(output);
        await archive.CopyToAsync(target);
        await target.FlushAsync();
        target.Dispose();
        return 0;
    }

    public static async Task<int> VersionsAsync(DssClient client, string serviceId, string folder)
    {
        var service = client.GetApiDeployer().GetService(serviceId);
        var status = await service.GetStatusAsync();
        foreach (var package in status.Packages)
        {
            var archive = await service.GetVersionStreamAsync(package.Id); // expect: DSS1004
            using var file = File.Create(Path.Combine(folder, $"{package.Id}.zip"));
            await archive.CopyToAsync(file);
        }

        return 0;
    }

    public static async Task<int> VersionsDisposedAsync(DssClient client, string serviceId, string folder)
    {
        var service = client.GetApiDeployer().GetService(serviceId);
        var status = await service.GetStatusAsync();
        foreach (var package in status.Packages)
        {
            using var archive = await service.GetVersionStreamAsync(package.Id);
            using var file = File.Create(Path.Combine(folder, $"{package.Id}.zip"));
            await archive.CopyToAsync(file);
        }

        return 0;
    }
}
