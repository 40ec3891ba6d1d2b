using DssApi;

namespace Acme.Platform.Migration;

/// <summary>Moves services from the old static infrastructure to a new Kubernetes one.</summary>
public sealed class MigrationToKubernetes(DssApiDeployer deployer)
{
    private const string TargetInfra = "k8s-main";

    public async Task PrepareAsync(string registry)
    {
        var infra = await deployer.CreateInfraAsync(TargetInfra, "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        if (settings is KubernetesInfraSettings k8s)
        {
            k8s.RegistryHost = registry;
            k8s.PrePushMode = PrePushMode.None;
        }

        await settings.SaveAsync();
    }

    public async Task MoveAsync(string serviceId, string version, string? endpointId)
    {
        await deployer.CreateInfraAsync(TargetInfra, "Production", InfraType.Kubernetes);
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-k8s", serviceId, TargetInfra, version, endpointId); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public async Task MoveAllAsync(IEnumerable<(string Service, string Version)> services)
    {
        var infra = await deployer.CreateInfraAsync(TargetInfra, "Production", InfraType.Kubernetes);
        foreach (var (serviceId, version) in services)
        {
            var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-k8s", serviceId, infra.InfraId, version);
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }
    }

    public async Task KeepOldNodesAsync(IEnumerable<string> oldNodes, string key)
    {
        var infra = await deployer.CreateInfraAsync(TargetInfra, "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        foreach (var url in oldNodes)
        {
            (settings as StaticInfraSettings)?.AddApiNode(url, key); // expect: DSS1006
        }

        await settings.SaveAsync();
    }

    public async Task CopyNodesAsync(string fromInfraId, string key)
    {
        var from = await deployer.GetInfra(fromInfraId).GetSettingsAsync<StaticInfraSettings>();
        var infra = await deployer.CreateInfraAsync($"{fromInfraId}-copy", "Production", InfraType.Static);
        var to = await infra.GetSettingsAsync<StaticInfraSettings>();
        foreach (var node in from.ApiNodes)
        {
            to.AddApiNode(node.Url!, key);
        }

        await to.SaveAsync();
    }
}
