using DssApi;

namespace Acme.Scoring.Tests;

internal static class DeploymentAssertions
{
    public static async Task AssertHealthyAsync(DssApiDeployerDeployment deployment)
    {
        var status = await deployment.GetStatusAsync();
        if (status.Heavy.Health != DeploymentHealth.Healthy)
        {
            var messages = status.Heavy.HealthMessages?.Messages.Select(m => m.Message) ?? [];
            throw new InvalidOperationException($"{deployment.DeploymentId}: {status.Heavy.Health}: {string.Join("; ", messages)}");
        }
    }

    public static async Task UpdateAndAssertAsync(DssApiDeployerDeployment deployment)
    {
        var future = await deployment.StartUpdateAsync();
        var result = await future.WaitForCompletionAsync(TimeSpan.FromMinutes(5));
        if (result?.FailedNodeCount > 0)
        {
            throw new InvalidOperationException($"{result.FailedNodeCount} nodes failed");
        }

        await AssertHealthyAsync(deployment);
    }

    public static async Task UpdateFireAndForgetAsync(DssApiDeployerDeployment deployment)
    {
        var future = await deployment.StartUpdateAsync(); // expect: DSS1003
        await AssertHealthyAsync(deployment);
    }

    public static async Task<string?> StartAndReturnJobAsync(DssApiDeployerDeployment deployment)
    {
        var future = await deployment.StartUpdateAsync();
        return future.Id;
    }

    public static Task<DssFuture<DeploymentUpdateResult?>> StartAsync(DssApiDeployerDeployment deployment) => deployment.StartUpdateAsync();
}
