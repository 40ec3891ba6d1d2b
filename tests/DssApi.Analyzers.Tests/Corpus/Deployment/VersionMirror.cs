using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Release.Mirror;

/// <summary>Mirrors published versions to an object store for disaster recovery.</summary>
public sealed class VersionMirror(DssApiDeployer deployer, Func<string, Stream, Task> upload, ILogger<VersionMirror> logger)
{
    public async Task MirrorAsync(string serviceId, CancellationToken cancellationToken)
    {
        var service = deployer.GetService(serviceId);
        var status = await service.GetStatusAsync(cancellationToken);
        foreach (var package in status.Packages)
        {
            await using var stream = await service.GetVersionStreamAsync(package.Id, cancellationToken);
            await upload($"{serviceId}/{package.Id}.zip", stream);
        }
    }

    public async Task MirrorOneAsync(string serviceId, string version)
    {
        var stream = await deployer.GetService(serviceId).GetVersionStreamAsync(version);
        await upload($"{serviceId}/{version}.zip", stream);
    }

    public async Task ProbeAsync(string serviceId, string version)
    {
        var stream = await deployer.GetService(serviceId).GetVersionStreamAsync(version); // expect: DSS1004
        logger.LogInformation("Version {Version} of {Service} is downloadable: {Stream}", version, serviceId, stream);
    }

    public async Task ProbeInterpolatedAsync(string serviceId, string version)
    {
        var stream = await deployer.GetService(serviceId).GetVersionStreamAsync(version); // expect: DSS1004
        Console.WriteLine($"{serviceId}/{version}: {stream.CanRead}");
    }

    public async Task MirrorAllAsync(IEnumerable<(string Service, string Version)> versions)
    {
        foreach (var (serviceId, version) in versions)
        {
            var stream = await deployer.GetService(serviceId).GetVersionStreamAsync(version);
            try
            {
                await upload($"{serviceId}/{version}.zip", stream);
            }
            finally
            {
                stream.Close();
            }
        }
    }
}
