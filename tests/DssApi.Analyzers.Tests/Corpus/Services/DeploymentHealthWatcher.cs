using DssApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Acme.Monitoring;

/// <summary>Checks every deployment every five minutes and restarts the unhealthy ones.</summary>
public sealed class DeploymentHealthWatcher(DssClient client, ILogger<DeploymentHealthWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deployer = client.GetApiDeployer();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var light in await deployer.ListDeploymentsAsync(stoppingToken))
            {
                var deployment = light.ToDeployment();
                var status = await deployment.GetStatusAsync(stoppingToken);
                if (status.Heavy.Health == DeploymentHealth.Healthy)
                {
                    continue;
                }

                logger.LogWarning("Deployment {Deployment} is {Health}, restarting", deployment.DeploymentId, status.Heavy.Health);
                await RestartAsync(deployment, stoppingToken);
            }
        }
    }

    private async Task RestartAsync(DssApiDeployerDeployment deployment, CancellationToken cancellationToken)
    {
        try
        {
            var update = await deployment.StartUpdateAsync(cancellationToken);
            var result = await update.WaitForCompletionAsync(TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
            logger.LogInformation("Restarted {Deployment}: {Nodes} nodes", deployment.DeploymentId, result?.SucceededNodeCount);
        }
        catch (DssApiException e) when (e.StatusCode == 404)
        {
            logger.LogInformation("Deployment {Deployment} disappeared", deployment.DeploymentId);
        }
    }
}
