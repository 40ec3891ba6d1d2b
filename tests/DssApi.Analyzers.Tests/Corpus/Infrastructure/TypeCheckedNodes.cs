using DssApi;

namespace Acme.Platform.Infra;

internal static class TypeCheckedNodes
{
    public static async Task AddAsync(DssApiDeployerInfra infra, string url, string key)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings.Type == InfraType.Static)
        {
            ((StaticInfraSettings)settings).AddApiNode(url, key);
            await settings.SaveAsync();
        }
        else
        {
            throw new InvalidOperationException($"{infra.InfraId} is {settings.Type}: add nodes in its cluster");
        }
    }

    public static async Task AddWrongBranchAsync(DssApiDeployerInfra infra, string url, string key)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings.Type == InfraType.Static)
        {
            Console.WriteLine("static infra: nothing to scale");
        }
        else if (settings.Type == InfraType.Kubernetes)
        {
            ((StaticInfraSettings)settings).AddApiNode(url, key); // expect: DSS1006
            await settings.SaveAsync();
        }
    }

    public static async Task AddAfterGuardAsync(DssApiDeployerInfra infra, string url, string key)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings is not StaticInfraSettings nodes)
        {
            throw new InvalidOperationException($"{infra.InfraId} has no API nodes");
        }

        nodes.AddApiNode(url, key);
        await nodes.SaveAsync();
    }

    public static async Task AddIfKubernetesPatternAsync(DssApiDeployerInfra infra, string url, string key)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings is KubernetesInfraSettings { Namespace: not null } cluster)
        {
            Console.WriteLine($"adding node to {cluster.Namespace}");
            ((StaticInfraSettings)settings).AddApiNode(url, key); // expect: DSS1006
            await settings.SaveAsync();
        }
    }
}
