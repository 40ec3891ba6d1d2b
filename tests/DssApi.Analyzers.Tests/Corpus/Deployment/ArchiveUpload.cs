using DssApi;

namespace Acme.Release.Mirror;

/// <summary>Sends package archives to the artifact repository.</summary>
public sealed class ArchiveUpload(HttpClient artifacts)
{
    public async Task UploadAsync(DssApiService service, string packageId)
    {
        await using var archive = await service.DownloadPackageStreamAsync(packageId);
        using var content = new StreamContent(archive);
        var response = await artifacts.PutAsync($"packages/{service.ServiceId}/{packageId}.zip", content);
        response.EnsureSuccessStatusCode();
    }

    public async Task UploadHandedOnAsync(DssApiService service, string packageId)
    {
        var archive = await service.DownloadPackageStreamAsync(packageId);
        using var content = new StreamContent(archive);
        var response = await artifacts.PutAsync($"packages/{service.ServiceId}/{packageId}.zip", content);
        response.EnsureSuccessStatusCode();
    }

    public async Task<long?> LengthAsync(DssApiService service, string packageId)
    {
        var archive = await service.DownloadPackageStreamAsync(packageId); // expect: DSS1004
        return archive.CanSeek ? archive.Length : null;
    }

    public async Task UploadVersionAsync(DssApiDeployerService service, string version)
    {
        var archive = await service.GetVersionStreamAsync(version); // expect: DSS1004
        using var buffer = new MemoryStream();
        await archive.CopyToAsync(buffer);
        var content = new ByteArrayContent(buffer.ToArray());
        var response = await artifacts.PutAsync($"versions/{service.ServiceId}/{version}.zip", content);
        response.EnsureSuccessStatusCode();
    }

    public async Task UploadVersionDisposedAsync(DssApiDeployerService service, string version)
    {
        var archive = await service.GetVersionStreamAsync(version);
        await using (archive.ConfigureAwait(false))
        {
            using var content = new StreamContent(archive);
            var response = await artifacts.PutAsync($"versions/{service.ServiceId}/{version}.zip", content).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }
}
