using DssApi;

namespace Acme.Platform.Deployments;

/// <summary>Each endpoint of the pricing service gets its own deployment, where the infrastructure allows it.</summary>
internal sealed class SingleEndpointRollout
{
    private const string OnPremInfra = "pricing-onprem";
    private readonly DssApiDeployer _deployer;

    public SingleEndpointRollout(DssApiDeployer deployer) => _deployer = deployer;

    public async Task RollOutAsync(string version, IReadOnlyList<string> endpoints)
    {
        var infra = await _deployer.CreateInfraAsync(OnPremInfra, "Production", InfraType.Static);
        foreach (var endpoint in endpoints)
        {
            var deployment = await _deployer.CreateDeploymentAsync($"pricing-{endpoint}", "pricing", OnPremInfra, version, endpoint); // expect: DSS1007
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }
    }

    public async Task RollOutCloudAsync(string version, IReadOnlyList<string> endpoints)
    {
        var infra = await _deployer.CreateInfraAsync("pricing-vertex", "Production", InfraType.VertexAi);
        foreach (var endpoint in endpoints)
        {
            var deployment = await _deployer.CreateDeploymentAsync($"pricing-{endpoint}", "pricing", infra.InfraId, version, endpoint);
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }
    }

    public async Task RollOutLocalInfraAsync(string version)
    {
        var infraId = "pricing-local";
        var infra = await _deployer.CreateInfraAsync(infraId, "Development", InfraType.Static);
        var deployment = await _deployer.CreateDeploymentAsync("pricing-local-quote", "pricing", infraId, version, endpointId: "quote"); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task RollOutAllEndpointsAsync(string version)
    {
        var infra = await _deployer.CreateInfraAsync("pricing-k8s", "Production", InfraType.Kubernetes);
        var deployment = await _deployer.CreateDeploymentAsync("pricing-k8s", "pricing", infra.InfraId, version);
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task RollOutNamedArgumentsAsync(string version)
    {
        var infra = await _deployer.CreateInfraAsync(type: InfraType.Kubernetes, infraId: "pricing-k8s-2", stage: "Production");
        var deployment = await _deployer.CreateDeploymentAsync(
            deploymentId: "pricing-k8s-quote",
            serviceId: "pricing",
            infraId: infra.InfraId,
            version: version,
            endpointId: "quote", // expect: DSS1007
            ignoreWarnings: true);
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task RollOutOnExistingAsync(string infraId, string version)
    {
        var deployment = await _deployer.CreateDeploymentAsync("pricing-quote", "pricing", infraId, version, endpointId: "quote");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
