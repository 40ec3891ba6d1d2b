using DssApi;

namespace Acme.Scoring.Tests;

/// <summary>Smoke tests the team runs against a local DSS before each release.</summary>
public sealed class EmulatorSmokeTests
{
    private static readonly Uri LocalDss = new("http://127.0.0.1:11200");

    private static DssClient Connect() => new(new DssClientOptions
    {
        Url = LocalDss,
        ApiKey = "local-key", // expect: DSS1008
    });

    public async Task Package_can_be_downloaded()
    {
        using var client = Connect();
        var service = client.GetProject("DKU_EMULATOR_DEMO").GetApiService("churn");
        await service.CreatePackageAsync("smoke");
        using var stream = await service.DownloadPackageStreamAsync("smoke");
        var buffer = new byte[4];
        var read = await stream.ReadAsync(buffer);
        if (read != 4 || buffer[0] != 'P' || buffer[1] != 'K')
        {
            throw new InvalidOperationException("not a zip archive");
        }
    }

    public async Task Package_is_listed()
    {
        using var client = Connect();
        var service = client.GetProject("DKU_EMULATOR_DEMO").GetApiService("churn");
        await service.CreatePackageAsync("listed");
        var packages = await service.ListPackagesAsync();
        if (!packages.Any(p => p.Id == "listed"))
        {
            throw new InvalidOperationException("package missing");
        }
    }

    public async Task Archive_starts_like_a_zip()
    {
        using var client = Connect();
        var service = client.GetProject("DKU_EMULATOR_DEMO").GetApiService("churn");
        var stream = service.DownloadPackageStreamAsync("smoke").GetAwaiter().GetResult(); // expect: DSS1004
        var first = stream.ReadByte();
        if (first != 'P')
        {
            throw new InvalidOperationException("not a zip archive");
        }

        await Task.CompletedTask;
    }

    public void Archive_is_not_empty()
    {
        using var client = Connect();
        var service = client.GetProject("DKU_EMULATOR_DEMO").GetApiService("churn");
        var stream = service.DownloadPackageStreamAsync("smoke").Result; // expect: DSS1004
        if (stream.ReadByte() < 0)
        {
            throw new InvalidOperationException("empty archive");
        }
    }

    public void Archive_is_read_and_closed()
    {
        using var client = Connect();
        var service = client.GetProject("DKU_EMULATOR_DEMO").GetApiService("churn");
        var stream = service.DownloadPackageStreamAsync("smoke").GetAwaiter().GetResult();
        try
        {
            _ = stream.ReadByte();
        }
        finally
        {
            stream.Dispose();
        }
    }
}
