using DssApi;

namespace Acme.Platform.Environments;

public sealed record EnvironmentSpec(string Name, bool OnPremises, string NodeUrl);

/// <summary>Dev, test and prod each get an infrastructure and a deployment of the gateway service.</summary>
public sealed class EnvironmentMatrix(DssApiDeployer deployer)
{
    public async Task CreateAsync(EnvironmentSpec spec, string version)
    {
        var type = spec.OnPremises ? InfraType.Static : InfraType.SageMaker;
        var infra = await deployer.CreateInfraAsync($"gateway-{spec.Name}", spec.Name, type);
        var deployment = await deployer.CreateDeploymentAsync($"gateway-{spec.Name}", "gateway", infra.InfraId, version, endpointId: "route");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task CreateOnPremisesAsync(EnvironmentSpec spec, string version, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync($"gateway-{spec.Name}", spec.Name, InfraType.Static);
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        settings.AddApiNode(spec.NodeUrl, nodeKey);
        await settings.SaveAsync();

        var deployment = await deployer.CreateDeploymentAsync($"gateway-{spec.Name}", "gateway", infra.InfraId, version, endpointId: "route"); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task CreateEitherOnPremisesAsync(EnvironmentSpec spec, string version)
    {
        var infra = await deployer.CreateInfraAsync($"gateway-{spec.Name}", spec.Name, spec.OnPremises ? InfraType.Static : InfraType.Kubernetes);
        var deployment = await deployer.CreateDeploymentAsync($"gateway-{spec.Name}", "gateway", infra.InfraId, version, endpointId: "route"); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task CreateKubernetesTwiceAsync(EnvironmentSpec spec, string version)
    {
        var blue = await deployer.CreateInfraAsync($"gateway-{spec.Name}-blue", spec.Name, InfraType.Kubernetes);
        var green = await deployer.CreateInfraAsync($"gateway-{spec.Name}-green", spec.Name, InfraType.SageMaker);
        var onBlue = await deployer.CreateDeploymentAsync($"gateway-{spec.Name}-blue", "gateway", blue.InfraId, version, endpointId: "route"); // expect: DSS1007
        var onGreen = await deployer.CreateDeploymentAsync($"gateway-{spec.Name}-green", "gateway", green.InfraId, version, endpointId: "route");
        await (await onBlue.StartUpdateAsync()).WaitForCompletionAsync();
        await (await onGreen.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
