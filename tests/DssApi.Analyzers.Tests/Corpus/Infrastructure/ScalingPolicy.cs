using System.Text.Json.Nodes;
using DssApi;

namespace Acme.Platform.Scaling;

/// <summary>Applies the scaling policy of the platform to infrastructures.</summary>
public static class ScalingPolicy
{
    public static async Task ApplyAsync(DssApiDeployerInfra infra, int minReplicas, int maxReplicas)
    {
        var settings = await infra.GetSettingsAsync();
        switch (settings)
        {
            case KubernetesInfraSettings k8s:
                k8s.DefaultDeploymentScaling = new JsonObject { ["minReplicas"] = minReplicas, ["maxReplicas"] = maxReplicas };
                await k8s.SaveAsync();
                break;
            case StaticInfraSettings { ApiNodes.Count: < 2 } small:
                Console.WriteLine($"{infra.InfraId} has {small.ApiNodes.Count} nodes: add nodes by hand");
                break;
        }
    }

    public static async Task ApplyNewAsync(DssApiDeployer deployer, string infraId, int replicas, string spareNode, string key)
    {
        var infra = await deployer.CreateInfraAsync(infraId, "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        switch (settings)
        {
            case KubernetesInfraSettings k8s:
                k8s.DefaultDeploymentScaling = new JsonObject { ["replicas"] = replicas };
                break;
            case StaticInfraSettings nodes:
                nodes.AddApiNode(spareNode, key); // expect: DSS1006
                break;
        }

        await settings.SaveAsync();
    }

    public static async Task ApplyStaticAsync(DssApiDeployer deployer, string infraId, IEnumerable<string> nodes, string key)
    {
        var infra = await deployer.CreateInfraAsync(infraId, "Production", InfraType.Static);
        var settings = await infra.GetSettingsAsync();
        var added = settings switch
        {
            StaticInfraSettings s => nodes.Select(n => s.AddApiNode(n, key)).Count(),
            _ => 0,
        };
        Console.WriteLine($"{added} nodes added");
        await settings.SaveAsync();
    }

    public static async Task ApplyKubernetesWithSwitchExpressionAsync(DssApiDeployer deployer, string infraId, IEnumerable<string> nodes, string key)
    {
        var infra = await deployer.CreateInfraAsync(infraId, "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        var added = settings switch
        {
            StaticInfraSettings s => nodes.Select(n => s.AddApiNode(n, key)).Count(), // expect: DSS1006
            _ => 0,
        };
        Console.WriteLine($"{added} nodes added");
        await settings.SaveAsync();
    }
}
