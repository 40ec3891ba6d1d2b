using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Scoring.Jobs;

/// <summary>Run by the scheduler after the nightly retrain: package, publish, roll out.</summary>
public sealed class NightlyRetrainJob
{
    private readonly DssClient _client;
    private readonly ILogger _logger;

    public NightlyRetrainJob(DssClient client, ILogger<NightlyRetrainJob> logger)
    {
        _client = client;
        _logger = logger;
    }

    public async Task ExecuteAsync(string projectKey, string serviceId, CancellationToken cancellationToken)
    {
        var version = $"nightly-{DateTime.UtcNow:yyyyMMdd}";
        var service = _client.GetProject(projectKey).GetApiService(serviceId);
        await service.CreatePackageAsync(version, cancellationToken: cancellationToken);
        await service.PublishPackageAsync(version, cancellationToken: cancellationToken);

        var deployer = _client.GetApiDeployer();
        var deploymentId = $"{serviceId}-nightly";
        var existing = (await deployer.ListDeploymentsAsync(cancellationToken)).Select(d => d.DeploymentBasicInfo.Id).ToHashSet();
        if (!existing.Contains(deploymentId))
        {
            var created = await deployer.CreateDeploymentAsync(deploymentId, serviceId, "nightly-infra", version, cancellationToken: cancellationToken); // expect: DSS1005
            _logger.LogInformation("Created deployment {Deployment}", created);
            return;
        }

        var deployment = deployer.GetDeployment(deploymentId);
        var settings = await deployment.GetSettingsAsync(cancellationToken);
        settings.SetSingleVersion(version);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        var update = await deployment.StartUpdateAsync(cancellationToken);
        _logger.LogInformation("Update {Job} of {Deployment} started", update.Id, deploymentId);
    }
}
