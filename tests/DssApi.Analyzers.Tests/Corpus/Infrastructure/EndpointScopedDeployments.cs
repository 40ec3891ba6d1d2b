using DssApi;

namespace Acme.Platform.Deployments;

/// <summary>Deploys one endpoint of a multi-endpoint service where the infrastructure supports it.</summary>
public sealed class EndpointScopedDeployments(DssApiDeployer deployer)
{
    private const string SageMakerInfra = "sagemaker-eu";
    private const string StaticInfra = "static-eu";

    public async Task DeployToSageMakerAsync(string serviceId, string version, string endpointId)
    {
        var infra = await deployer.CreateInfraAsync(SageMakerInfra, "Production", InfraType.SageMaker);
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{endpointId}", serviceId, infra.InfraId, version, endpointId: endpointId);
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task DeployToStaticAsync(string serviceId, string version, string endpointId)
    {
        var infra = await deployer.CreateInfraAsync(StaticInfra, "Production", InfraType.Static);
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{endpointId}", serviceId, infra.InfraId, version, endpointId: endpointId); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task DeployByConstantIdAsync(string serviceId, string version)
    {
        await deployer.CreateInfraAsync(StaticInfra, "Production", InfraType.Static);
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-predict", serviceId, StaticInfra, version, "predict"); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task DeployOnKubernetesAsync(string serviceId, string version)
    {
        var infra = await deployer.CreateInfraAsync("k8s-eu", "Production", InfraType.Kubernetes);
        var deployment = await deployer.CreateDeploymentAsync(
            $"{serviceId}-k8s",
            serviceId,
            infra.InfraId,
            version,
            endpointId: "predict"); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task DeployAnywhereAsync(string infraId, string serviceId, string version, string endpointId)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{endpointId}", serviceId, infraId, version, endpointId: endpointId);
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task DeployOnChosenCloudAsync(bool useSageMaker, string serviceId, string version)
    {
        var infra = await deployer.CreateInfraAsync("cloud-eu", "Production", useSageMaker ? InfraType.SageMaker : InfraType.AzureMl);
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-cloud", serviceId, infra.InfraId, version, endpointId: "predict");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
