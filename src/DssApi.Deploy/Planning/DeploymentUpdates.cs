namespace DssApi.Deploy.Planning;

/// <summary>Starts a deployment update and waits for it, reporting its steps as progress.</summary>
internal static class DeploymentUpdates
{
    public static async Task StartAndWaitAsync(ApplyContext context, string deploymentId)
    {
        var deployment = context.Client.GetApiDeployer().GetDeployment(deploymentId);
        var update = await deployment.StartUpdateAsync(context.CancellationToken).ConfigureAwait(false);
        var steps = new Progress<DssFutureStatus>(status =>
            context.Report($"update {status.JobId}: {(status.IsAlive ? string.Join(" / ", status.States.Select(state => state.Name)) : "finished")}"));
        await update.WaitForCompletionAsync(context.Options.UpdateTimeout, steps, context.CancellationToken).ConfigureAwait(false);
        var health = (await deployment.GetHeavyStatusAsync(context.CancellationToken).ConfigureAwait(false)).Health;
        context.Report($"health {health}");
    }
}
