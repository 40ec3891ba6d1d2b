using DssApi;

namespace Acme.Platform.Regions;

/// <summary>One call per new region: an infrastructure, its nodes, and the standard deployments.</summary>
internal sealed class RegionBootstrap
{
    private readonly DssApiDeployer _deployer;
    private readonly string _nodeKey;

    public RegionBootstrap(DssApiDeployer deployer, string nodeKey)
    {
        _deployer = deployer;
        _nodeKey = nodeKey;
    }

    public async Task BootstrapAsync(string region, IReadOnlyList<string> nodes, IReadOnlyList<string> services)
    {
        var infraId = $"static-{region}";
        var infra = await _deployer.CreateInfraAsync(infraId, "Production", InfraType.Static);
        var settings = await infra.GetSettingsAsync();
        if (settings is StaticInfraSettings staticSettings)
        {
            nodes.ToList().ForEach(url => staticSettings.AddApiNode(url, _nodeKey));
            await staticSettings.SaveAsync();
        }

        foreach (var serviceId in services)
        {
            var deployment = await _deployer.CreateDeploymentAsync($"{serviceId}-{region}", serviceId, infraId, "latest");
            var update = await deployment.StartUpdateAsync();
            await update.WaitForCompletionAsync();
        }
    }

    public async Task BootstrapPredictOnlyAsync(string region, IReadOnlyList<string> services)
    {
        var infra = await _deployer.CreateInfraAsync($"static-{region}", "Production", InfraType.Static);
        foreach (var serviceId in services)
        {
            var deployment = await _deployer.CreateDeploymentAsync($"{serviceId}-{region}", serviceId, infra.InfraId, "latest", endpointId: "predict", ignoreWarnings: true); // expect: DSS1007
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }
    }

    public async Task BootstrapKubernetesAsync(string region, string serviceId)
    {
        var infra = await _deployer.CreateInfraAsync($"k8s-{region}", "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        if (settings is KubernetesInfraSettings k8s)
        {
            k8s.Namespace = $"scoring-{region}";
            await k8s.SaveAsync();
        }
        else if (settings is StaticInfraSettings nodes)
        {
            nodes.AddApiNode($"https://{region}.nodes.acme.com", _nodeKey); // expect: DSS1006
            await nodes.SaveAsync();
        }

        var deployment = await _deployer.CreateDeploymentAsync($"{serviceId}-{region}", serviceId, infra.InfraId, "latest");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
