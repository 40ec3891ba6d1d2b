using System.IO.Compression;
using DssApi;

namespace Acme.Release.Packages;

/// <summary>Reads the content of API service packages without unpacking them to disk.</summary>
public static class StreamHelpers
{
    public static async Task<IReadOnlyList<string>> ListEntriesAsync(DssApiService service, string packageId)
    {
        await using var stream = await service.DownloadPackageStreamAsync(packageId);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public static async Task<ZipArchive> OpenAsync(DssApiService service, string packageId)
    {
        var stream = await service.DownloadPackageStreamAsync(packageId); // expect: DSS1004
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        buffer.Position = 0;
        return new ZipArchive(buffer, ZipArchiveMode.Read);
    }

    public static async Task<Stream> OpenRawAsync(DssApiService service, string packageId) =>
        await service.DownloadPackageStreamAsync(packageId);

    public static async Task<StreamReader> OpenReaderAsync(DssApiService service, string packageId)
    {
        var stream = await service.DownloadPackageStreamAsync(packageId);
        return new StreamReader(stream);
    }

    public static async Task<long> SizeAsync(DssApiService service, string packageId)
    {
        var stream = await service.DownloadPackageStreamAsync(packageId);
        using (stream)
        {
            long size = 0;
            var buffer = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                size += read;
            }

            return size;
        }
    }

    public static async Task DropAsync(DssApiService service, string packageId)
    {
        await service.DownloadPackageStreamAsync(packageId); // expect: DSS1004
    }

    public static async Task WarmCacheAsync(DssApiService service, string packageId)
    {
        _ = await service.DownloadPackageStreamAsync(packageId); // expect: DSS1004
    }

    public static async Task<bool> IsZipAsync(DssApiService service, string packageId)
    {
        var stream = await service.DownloadPackageStreamAsync(packageId); // expect: DSS1004
        var header = new byte[2];
        await stream.ReadExactlyAsync(header);
        return header[0] == 'P' && header[1] == 'K';
    }

    public static async Task<bool> IsZipDisposedAsync(DssApiService service, string packageId)
    {
        var stream = await service.DownloadPackageStreamAsync(packageId);
        try
        {
            var header = new byte[2];
            await stream.ReadExactlyAsync(header);
            return header[0] == 'P' && header[1] == 'K';
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
