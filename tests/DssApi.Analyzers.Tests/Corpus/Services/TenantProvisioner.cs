using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.SaaS.Provisioning;

public interface ITenantStore
{
    Task SaveDeploymentAsync(string tenant, string deploymentId, CancellationToken cancellationToken);
}

/// <summary>Gives each new tenant its own deployment of the scoring service.</summary>
public sealed class TenantProvisioner(DssClient client, ITenantStore store, ILogger<TenantProvisioner> logger)
{
    public async Task<DssApiDeployerDeployment> ProvisionAsync(string tenant, string version, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"scoring-{tenant}", "scoring", "shared-k8s", version, cancellationToken: cancellationToken);
        await store.SaveDeploymentAsync(tenant, deployment.DeploymentId, cancellationToken);
        return deployment;
    }

    public async Task ProvisionAndStartAsync(string tenant, string version, CancellationToken cancellationToken)
    {
        var deployment = await ProvisionAsync(tenant, version, cancellationToken);
        var update = await deployment.StartUpdateAsync(cancellationToken);
        await update.WaitForCompletionAsync(cancellationToken);
    }

    public async Task ProvisionLaterAsync(string tenant, string version, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"scoring-{tenant}", "scoring", "shared-k8s", version, cancellationToken: cancellationToken); // expect: DSS1005
        logger.LogInformation("Provisioned {Deployment} for {Tenant}; it starts with the next batch", deployment, tenant);
    }

    public async Task ProvisionBatchAsync(IEnumerable<string> tenants, string version, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var created = new List<DssApiDeployerDeployment>();
        foreach (var tenant in tenants)
        {
            created.Add(await deployer.CreateDeploymentAsync($"scoring-{tenant}", "scoring", "shared-k8s", version, cancellationToken: cancellationToken));
        }

        foreach (var deployment in created)
        {
            var update = await deployment.StartUpdateAsync(cancellationToken);
            await update.WaitForCompletionAsync(cancellationToken);
        }
    }
}
