using System.Runtime.CompilerServices;
using DssApi;

namespace Acme.Ops.Reports;

public sealed record DeploymentHealthRow(string DeploymentId, string Health, int Nodes);

/// <summary>Streams the health of every deployment for the weekly ops report.</summary>
public static class HealthReport
{
    public static async IAsyncEnumerable<DeploymentHealthRow> RowsAsync(DssApiDeployer deployer, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var light in await deployer.ListDeploymentsAsync(cancellationToken))
        {
            var heavy = await light.ToDeployment().GetHeavyStatusAsync(cancellationToken);
            yield return new DeploymentHealthRow(light.DeploymentBasicInfo.Id, heavy.Health?.ToString() ?? "unknown", heavy.ApiNodes.Count);
        }
    }

    public static async Task WriteCsvAsync(DssApiDeployer deployer, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync("deployment,health,nodes");
        await foreach (var row in RowsAsync(deployer, cancellationToken))
        {
            await writer.WriteLineAsync($"{row.DeploymentId},{row.Health},{row.Nodes}");
        }
    }

    public static async IAsyncEnumerable<string> RestartUnhealthyAsync(DssApiDeployer deployer)
    {
        await foreach (var row in RowsAsync(deployer))
        {
            if (row.Health == "HEALTHY")
            {
                continue;
            }

            var deployment = deployer.GetDeployment(row.DeploymentId);
            var update = await deployment.StartUpdateAsync();
            await update.WaitForCompletionAsync();
            yield return row.DeploymentId;
        }
    }

    public static async IAsyncEnumerable<string> KickUnhealthyAsync(DssApiDeployer deployer)
    {
        await foreach (var row in RowsAsync(deployer))
        {
            if (row.Health != "HEALTHY")
            {
                await deployer.GetDeployment(row.DeploymentId).StartUpdateAsync(); // expect: DSS1003
                yield return row.DeploymentId;
            }
        }
    }
}
