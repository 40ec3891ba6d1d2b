using DssApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Acme.Scoring.Jobs;

/// <summary>Redeploys the feature-store backed deployments every night so they pick up fresh lookups.</summary>
public sealed class ScheduledRedeploy(DssClient client, ILogger<ScheduledRedeploy> logger) : BackgroundService
{
    private static readonly string[] Deployments = ["lookup-prod", "enrich-prod"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = DateTime.Today.AddDays(1).AddHours(2) - DateTime.Now;
            await Task.Delay(next, stoppingToken);
            foreach (var id in Deployments)
            {
                await RedeployAsync(id, stoppingToken);
            }
        }
    }

    private async Task RedeployAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        try
        {
            await deployment.StartUpdateAsync(cancellationToken); // expect: DSS1003
            logger.LogInformation("Redeploy of {Deployment} requested", deploymentId);
        }
        catch (DssApiException e)
        {
            logger.LogError(e, "Redeploy of {Deployment} failed", deploymentId);
        }
    }

    public async Task RedeployNowAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var future = await deployment.StartUpdateAsync(cancellationToken);
        var result = await future.WaitForCompletionAsync(TimeSpan.FromMinutes(20), cancellationToken: cancellationToken);
        logger.LogInformation("{Deployment}: {Ok} ok, {Failed} failed", deploymentId, result?.SucceededNodeCount, result?.FailedNodeCount);
    }

    public Task<DssFuture<DeploymentUpdateResult?>> RedeployLaterAsync(string deploymentId) =>
        client.GetApiDeployer().GetDeployment(deploymentId).StartUpdateAsync();

    public async Task RedeployBlockingAsync(string deploymentId)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var future = deployment.StartUpdateAsync().Result; // expect: DSS1003
        logger.LogInformation("Started {Deployment}", deploymentId);
        await Task.Yield();
    }
}
