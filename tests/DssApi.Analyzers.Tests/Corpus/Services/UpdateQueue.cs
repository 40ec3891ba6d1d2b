using System.Collections.Concurrent;
using DssApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Acme.Scoring.Web;

/// <summary>Deployment updates requested through the admin page run one at a time here.</summary>
public sealed class UpdateQueue(DssClient client, ILogger<UpdateQueue> logger) : BackgroundService
{
    private readonly ConcurrentQueue<string> _pending = new();

    public void Enqueue(string deploymentId) => _pending.Enqueue(deploymentId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_pending.TryDequeue(out var deploymentId))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                continue;
            }

            var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
            try
            {
                var future = await deployment.StartUpdateAsync(stoppingToken);
                var result = await future.WaitForCompletionAsync(stoppingToken);
                logger.LogInformation("{Deployment} updated on {Nodes} nodes", deploymentId, result?.SucceededNodeCount);
            }
            catch (DssApiException e)
            {
                logger.LogError(e, "Update of {Deployment} failed", deploymentId);
            }
        }
    }

    public async Task UpdateNowAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var future = await deployment.StartUpdateAsync(cancellationToken); // expect: DSS1003
        logger.LogInformation("Update of {Deployment} started", deploymentId);
    }

    public async Task<string?> UpdateAndReturnJobAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var future = await deployment.StartUpdateAsync(cancellationToken);
        logger.LogInformation("Update {Job} of {Deployment} started", future.Id, deploymentId);
        return future.Id;
    }
}
