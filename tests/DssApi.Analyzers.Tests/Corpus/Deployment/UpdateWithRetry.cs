using DssApi;

namespace Acme.Ops.Redeploy;

/// <summary>DSS sometimes refuses an update while another runs: retry a few times.</summary>
internal static class UpdateWithRetry
{
    public static async Task<DeploymentUpdateResult?> RunAsync(DssApiDeployerDeployment deployment, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var future = await deployment.StartUpdateAsync();
                return await future.WaitForCompletionAsync(TimeSpan.FromMinutes(10));
            }
            catch (DssApiException e) when (e.StatusCode == 409 && attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(10 * attempt));
            }
        }
    }

    public static async Task NudgeAsync(DssApiDeployerDeployment deployment, int attempts = 3)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await deployment.StartUpdateAsync(); // expect: DSS1003
                return;
            }
            catch (DssApiException e) when (e.StatusCode == 409)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }
    }

    public static async Task<DssFuture<DeploymentUpdateResult?>> StartAsync(DssApiDeployerDeployment deployment)
    {
        var future = await deployment.StartUpdateAsync();
        Console.WriteLine($"job {future.Id}");
        return future;
    }

    public static async Task StartAndForgetResultAsync(DssApiDeployerDeployment deployment)
    {
        var future = await deployment.StartUpdateAsync(); // expect: DSS1003
        Console.WriteLine("started");
    }

    public static async Task StartInBranchesAsync(DssApiDeployerDeployment deployment, bool wait)
    {
        var future = await deployment.StartUpdateAsync();
        if (wait)
        {
            await future.WaitForCompletionAsync();
        }
    }
}
