using DssApi;

namespace Acme.Scoring.Promotion;

/// <summary>Moves a version from the staging deployer to the production one by archive.</summary>
internal sealed class VersionPromoter
{
    private readonly DssClient _staging;
    private readonly DssClient _production;

    public VersionPromoter(DssClient staging, DssClient production)
    {
        _staging = staging;
        _production = production;
    }

    public async Task PromoteAsync(string serviceId, string version, CancellationToken cancellationToken)
    {
        var source = _staging.GetApiDeployer().GetService(serviceId);
        var target = _production.GetApiDeployer().GetService(serviceId);

        await using (var archive = await source.GetVersionStreamAsync(version, cancellationToken))
        {
            await target.ImportVersionAsync(archive, $"{serviceId}-{version}.zip", cancellationToken);
        }

        var targetSettings = await target.GetSettingsAsync(cancellationToken);
        targetSettings.Name ??= serviceId;
        await targetSettings.SaveAsync(cancellationToken);
    }

    public async Task PromoteUnsafeAsync(string serviceId, string version)
    {
        var source = _staging.GetApiDeployer().GetService(serviceId);
        var archive = await source.GetVersionStreamAsync(version);
        await _production.GetApiDeployer().GetService(serviceId).ImportVersionAsync(archive);
    }

    public async Task CopyLocallyAsync(string serviceId, string version, string folder)
    {
        var source = _staging.GetApiDeployer().GetService(serviceId);
        var stream = await source.GetVersionStreamAsync(version).ConfigureAwait(false); // expect: DSS1004
        var path = Path.Combine(folder, $"{serviceId}-{version}.zip");
        using var file = File.OpenWrite(path);
        await stream.CopyToAsync(file).ConfigureAwait(false);
        Console.WriteLine($"Copied {stream.Length} bytes to {path}");
    }
}
