using DssApi;

namespace Acme.Platform.Infra;

/// <summary>Infrastructures described in YAML by the platform team, created here.</summary>
public sealed record InfraDescriptor(string Id, string Stage, string Kind, IReadOnlyList<string> Nodes);

public static class InfraDescriptorApplier
{
    public static async Task ApplyAsync(DssApiDeployer deployer, InfraDescriptor descriptor, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync(descriptor.Id, descriptor.Stage, descriptor.Kind);
        var settings = await infra.GetSettingsAsync();
        if (settings is StaticInfraSettings staticSettings)
        {
            foreach (var node in descriptor.Nodes)
            {
                staticSettings.AddApiNode(node, nodeKey);
            }
        }

        await settings.SaveAsync();
    }

    public static async Task ApplyStaticAsync(DssApiDeployer deployer, InfraDescriptor descriptor, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync(descriptor.Id, descriptor.Stage, "STATIC");
        var settings = (StaticInfraSettings)await infra.GetSettingsAsync();
        foreach (var node in descriptor.Nodes)
        {
            settings.AddApiNode(node, nodeKey);
        }

        await settings.SaveAsync();
    }

    public static async Task ApplyClusterAsync(DssApiDeployer deployer, InfraDescriptor descriptor, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync(descriptor.Id, descriptor.Stage, "K8S");
        var settings = (StaticInfraSettings)await infra.GetSettingsAsync();
        foreach (var node in descriptor.Nodes)
        {
            settings.AddApiNode(node, nodeKey); // expect: DSS1006
        }

        await settings.SaveAsync();
    }

    public static async Task ApplyDeploymentAsync(DssApiDeployer deployer, InfraDescriptor descriptor, string serviceId)
    {
        var infra = await deployer.CreateInfraAsync(descriptor.Id, descriptor.Stage, "K8S");
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{descriptor.Id}", serviceId, descriptor.Id, "v1", endpointId: "predict");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public static async Task ApplyDeploymentOnSnowparkAsync(DssApiDeployer deployer, InfraDescriptor descriptor, string serviceId)
    {
        var infra = await deployer.CreateInfraAsync(descriptor.Id, descriptor.Stage, InfraType.Snowpark);
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{descriptor.Id}", serviceId, descriptor.Id, "v1", endpointId: "predict");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
