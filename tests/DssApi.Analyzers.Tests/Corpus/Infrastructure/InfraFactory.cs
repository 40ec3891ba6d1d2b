using DssApi;

namespace Acme.Platform.Infra;

public enum HostingKind
{
    OnPremises,
    Kubernetes,
    SageMaker,
}

public static class InfraFactory
{
    public static InfraType ToInfraType(HostingKind kind) => kind switch
    {
        HostingKind.OnPremises => InfraType.Static,
        HostingKind.Kubernetes => InfraType.Kubernetes,
        HostingKind.SageMaker => InfraType.SageMaker,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown hosting"),
    };

    public static async Task<DssApiDeployerInfra> CreateAsync(DssApiDeployer deployer, string id, HostingKind kind, IEnumerable<string> nodeUrls, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync(id, "Production", ToInfraType(kind));
        var settings = await infra.GetSettingsAsync();
        if (settings is StaticInfraSettings nodes)
        {
            foreach (var url in nodeUrls)
            {
                nodes.AddApiNode(url, nodeKey);
            }

            await nodes.SaveAsync();
        }

        return infra;
    }

    public static async Task<DssApiDeployerInfra> CreateOnPremisesAsync(DssApiDeployer deployer, string id, string nodeUrl, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync(id, "Production", InfraType.Static);
        var settings = await infra.GetSettingsAsync();
        var nodes = (StaticInfraSettings)settings;
        nodes.AddApiNode(nodeUrl, nodeKey);
        await nodes.SaveAsync();
        return infra;
    }

    public static async Task<DssApiDeployerInfra> CreateClusterAsync(DssApiDeployer deployer, string id, string nodeUrl, string nodeKey)
    {
        var infra = await deployer.CreateInfraAsync(id, "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        var nodes = (StaticInfraSettings)settings;
        nodes.AddApiNode(nodeUrl, nodeKey); // expect: DSS1006
        await nodes.SaveAsync();
        return infra;
    }
}
