using DssApi;

namespace Acme.Scoring.Archive;

/// <summary>Keeps a copy of every published package on the shared drive, for audits.</summary>
public sealed class PackageArchiver(DssClient client, string archiveRoot)
{
    public async Task ArchiveAsync(string projectKey, string serviceId, CancellationToken cancellationToken = default)
    {
        var service = client.GetProject(projectKey).GetApiService(serviceId);
        foreach (var package in await service.ListPackagesAsync(cancellationToken))
        {
            var target = Path.Combine(archiveRoot, serviceId, package.Id + ".zip");
            if (File.Exists(target))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var archive = await service.DownloadPackageStreamAsync(package.Id, cancellationToken);
            await using var file = File.Create(target);
            await archive.CopyToAsync(file, cancellationToken);
        }
    }

    public async Task<long> MeasureAsync(DssApiService service, string packageId)
    {
        var archive = await service.DownloadPackageStreamAsync(packageId); // expect: DSS1004
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await archive.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    public async Task<string> ChecksumAsync(DssApiService service, string packageId)
    {
        var archive = await service.DownloadPackageStreamAsync(packageId);
        try
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = await sha.ComputeHashAsync(archive);
            return Convert.ToHexString(hash);
        }
        finally
        {
            archive.Close();
        }
    }
}
