using DssApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Acme.Scoring.Web;

/// <summary>On start, makes sure the scoring deployment runs the version this build was tested with.</summary>
internal sealed class ScoringWarmup : IHostedService
{
    private readonly DssClient _client;
    private readonly ILogger<ScoringWarmup> _logger;
    private readonly string _version;

    public ScoringWarmup(DssClient client, ILogger<ScoringWarmup> logger, string version)
    {
        _client = client;
        _logger = logger;
        _version = version;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deployment = _client.GetApiDeployer().GetDeployment("scoring-prod");
        var settings = await deployment.GetSettingsAsync(cancellationToken);
        if (settings.GenerationsMapping is SingleVersionMapping { Version: var served } && served == _version)
        {
            _logger.LogInformation("Scoring already serves {Version}", _version);
            return;
        }

        settings.SetSingleVersion(_version);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        _ = await deployment.StartUpdateAsync(cancellationToken);
        _logger.LogInformation("Update of scoring-prod to {Version} started", _version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
