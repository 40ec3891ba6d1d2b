using DssApi;

namespace Acme.Ops.Jobs;

/// <summary>Keeps the ids of running deployment updates so that another process can follow them.</summary>
public sealed class JobTracker(DssClient client, string stateFile)
{
    public async Task StartAsync(string deploymentId)
    {
        var future = await client.GetApiDeployer().GetDeployment(deploymentId).StartUpdateAsync();
        await File.AppendAllTextAsync(stateFile, $"{deploymentId}={future.Id}{Environment.NewLine}");
    }

    public async Task ResumeAsync()
    {
        foreach (var line in await File.ReadAllLinesAsync(stateFile))
        {
            var jobId = line.Split('=')[1];
            var future = client.GetFuture(jobId);
            await future.WaitForCompletionAsync();
        }
    }

    public async Task StartManyAsync(IEnumerable<string> deploymentIds)
    {
        var futures = new List<DssFuture<DeploymentUpdateResult?>>();
        foreach (var id in deploymentIds)
        {
            futures.Add(await client.GetApiDeployer().GetDeployment(id).StartUpdateAsync());
        }

        foreach (var future in futures)
        {
            await future.WaitForCompletionAsync();
        }
    }

    public async Task StartAllNoTrackingAsync(IEnumerable<string> deploymentIds)
    {
        foreach (var id in deploymentIds)
        {
            var deployment = client.GetApiDeployer().GetDeployment(id);
            var future = await deployment.StartUpdateAsync(); // expect: DSS1003
        }
    }

    public async Task<bool> StartAndPeekAsync(string deploymentId)
    {
        var future = await client.GetApiDeployer().GetDeployment(deploymentId).StartUpdateAsync();
        var status = await future.PeekAsync();
        return status.IsAlive;
    }

    public async Task StartTwiceAsync(string deploymentId)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var first = await deployment.StartUpdateAsync();
        await first.WaitForCompletionAsync();
        var second = await deployment.StartUpdateAsync(); // expect: DSS1003
        Console.WriteLine("second update started");
    }

    public async Task StartAndAbortOnCancelAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var future = await client.GetApiDeployer().GetDeployment(deploymentId).StartUpdateAsync(cancellationToken);
        using var registration = cancellationToken.Register(() => _ = future.AbortAsync());
        await future.WaitForCompletionAsync(CancellationToken.None);
    }
}
