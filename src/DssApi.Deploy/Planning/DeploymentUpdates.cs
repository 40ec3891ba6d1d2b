namespace DssApi.Deploy.Planning;

/// <summary>Starts a deployment update and waits for it, reporting its steps as progress.</summary>
internal static class DeploymentUpdates
{
    /// <summary>Updates the deployment, waits for the update, and returns the health it leaves.</summary>
    public static async Task<DeploymentHealth?> StartAndWaitAsync(DssClient client, string deploymentId, TimeSpan timeout, Action<string> report,
        CancellationToken cancellationToken)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var update = await deployment.StartUpdateAsync(cancellationToken).ConfigureAwait(false);
        var steps = new Progress<DssFutureStatus>(status =>
            report($"update {status.JobId}: {(status.IsAlive ? string.Join(" / ", status.States.Select(state => state.Name)) : "finished")}"));
        await update.WaitForCompletionAsync(timeout, steps, cancellationToken).ConfigureAwait(false);
        var health = (await deployment.GetHeavyStatusAsync(cancellationToken).ConfigureAwait(false)).Health;
        report($"health {health}");
        return health;
    }
}
