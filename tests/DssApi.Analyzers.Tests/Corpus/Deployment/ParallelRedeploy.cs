using DssApi;

namespace Acme.Ops.Redeploy;

/// <summary>Redeploys every deployment of a service after a base image change.</summary>
public static class ParallelRedeploy
{
    public static async Task RedeployAllAsync(DssApiDeployer deployer, string serviceId, CancellationToken cancellationToken)
    {
        var deployments = (await deployer.ListDeploymentsAsync(cancellationToken))
            .Where(d => d.DeploymentBasicInfo.PublishedServiceId == serviceId)
            .Select(d => d.ToDeployment())
            .ToList();

        var futures = await Task.WhenAll(deployments.Select(d => d.StartUpdateAsync(cancellationToken)));
        var results = await Task.WhenAll(futures.Select(f => f.WaitForCompletionAsync(cancellationToken)));
        Console.WriteLine($"{results.Sum(r => r?.SucceededNodeCount ?? 0)} nodes updated");
    }

    public static async Task RedeployEachAsync(DssApiDeployer deployer, string serviceId, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(await deployer.ListDeploymentsAsync(cancellationToken), cancellationToken, async (light, ct) =>
        {
            if (light.DeploymentBasicInfo.PublishedServiceId != serviceId)
            {
                return;
            }

            await light.ToDeployment().StartUpdateAsync(ct); // expect: DSS1003
        });
    }

    public static async Task RedeployAndTrackAsync(DssApiDeployer deployer, string serviceId, IDictionary<string, string?> jobs)
    {
        foreach (var light in await deployer.ListDeploymentsAsync())
        {
            if (light.DeploymentBasicInfo.PublishedServiceId == serviceId)
            {
                var future = await light.ToDeployment().StartUpdateAsync();
                jobs[light.DeploymentBasicInfo.Id] = future.Id;
            }
        }
    }

    public static async Task RedeployOneAsync(DssApiDeployerDeployment deployment)
    {
        var started = deployment.StartUpdateAsync(); // expect: DSS1003
        Console.WriteLine($"update of {deployment.DeploymentId} requested");
        await started;
    }

    public static async Task RedeployWithTimeoutAsync(DssApiDeployerDeployment deployment, TimeSpan timeout)
    {
        var started = deployment.StartUpdateAsync();
        var future = await started;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await future.WaitForCompletionAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await future.AbortAsync();
            throw;
        }
    }

    public static Task RedeployLaterAsync(DssApiDeployerDeployment deployment) =>
        Task.Run(async () =>
        {
            var future = await deployment.StartUpdateAsync();
            return await future.WaitForCompletionAsync();
        });
}
