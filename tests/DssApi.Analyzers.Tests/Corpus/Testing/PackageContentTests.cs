using DssApi;

namespace Acme.Scoring.Tests;

/// <summary>Checks the content of packages built by the CI job.</summary>
public sealed class PackageContentTests(DssClient client)
{
    private DssApiService Service => client.GetProject("SCORING").GetApiService("churn");

    public async Task Package_contains_the_model()
    {
        await using var archive = await Service.DownloadPackageStreamAsync("ci");
        using var zip = new System.IO.Compression.ZipArchive(archive);
        if (!zip.Entries.Any(e => e.FullName.EndsWith(".model")))
        {
            throw new InvalidOperationException("no model in the package");
        }
    }

    public async Task Package_is_smaller_than_100_MB()
    {
        var archive = await Service.DownloadPackageStreamAsync("ci"); // expect: DSS1004
        var total = 0L;
        var buffer = new byte[65536];
        for (var read = await archive.ReadAsync(buffer); read > 0; read = await archive.ReadAsync(buffer))
        {
            total += read;
        }

        if (total > 100_000_000)
        {
            throw new InvalidOperationException($"package is {total} bytes");
        }
    }

    public void Package_can_be_read_synchronously()
    {
        var archive = Service.DownloadPackageStreamAsync("ci").ConfigureAwait(false).GetAwaiter().GetResult(); // expect: DSS1004
        var first = archive.ReadByte();
        if (first != 'P')
        {
            throw new InvalidOperationException("not a zip archive");
        }
    }

    public void Package_can_be_read_and_closed_synchronously()
    {
        using var archive = Service.DownloadPackageStreamAsync("ci").ConfigureAwait(false).GetAwaiter().GetResult();
        if (archive.ReadByte() != 'P')
        {
            throw new InvalidOperationException("not a zip archive");
        }
    }
}
