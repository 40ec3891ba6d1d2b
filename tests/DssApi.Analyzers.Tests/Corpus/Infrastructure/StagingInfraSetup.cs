using DssApi;

namespace Acme.Platform.Infra;

/// <summary>Creates the staging infrastructures of a new region.</summary>
public sealed class StagingInfraSetup(DssApiDeployer deployer)
{
    public async Task CreateStaticAsync(string region, IEnumerable<string> nodeUrls, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync($"static-{region}", "Staging", InfraType.Static);
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        foreach (var url in nodeUrls)
        {
            settings.AddApiNode(url, nodeKey);
        }

        await settings.SaveAsync();
    }

    public async Task CreateKubernetesAsync(string region, string registry)
    {
        var infra = await deployer.CreateInfraAsync($"k8s-{region}", "Staging", InfraType.Kubernetes);
        var settings = (KubernetesInfraSettings)await infra.GetSettingsAsync();
        settings.Namespace = $"dss-{region}";
        settings.RegistryHost = registry;
        await settings.SaveAsync();
    }

    public async Task CreateKubernetesWithNodesAsync(string region, string registry, string nodeUrl, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync($"k8s-{region}", "Staging", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        ((KubernetesInfraSettings)settings).RegistryHost = registry;
        ((StaticInfraSettings)settings).AddApiNode(nodeUrl, nodeKey); // expect: DSS1006
        await settings.SaveAsync();
    }

    public async Task CreateFromStringTypeAsync(string region, string nodeUrl, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync($"k8s-{region}-2", "Staging", "K8S");
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        settings.AddApiNode(nodeUrl, nodeKey); // expect: DSS1006
        await settings.SaveAsync();
    }
}
