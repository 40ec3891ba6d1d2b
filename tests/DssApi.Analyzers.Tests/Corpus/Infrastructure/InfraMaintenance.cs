using DssApi;

namespace Acme.Platform.Infra;

internal static class InfraMaintenance
{
    public static async Task DrainNodeAsync(DssApiDeployerInfra infra, string nodeUrl)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings.Type != InfraType.Static)
        {
            return;
        }

        var nodes = (StaticInfraSettings)settings;
        nodes.RemoveApiNode(nodeUrl);
        await nodes.SaveAsync();
    }

    public static async Task ResetNodesAsync(DssApiDeployerInfra infra)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings.Type == InfraType.Kubernetes)
        {
            var k8s = (KubernetesInfraSettings)settings;
            k8s.DefaultDeploymentScaling = null;
            ((StaticInfraSettings)settings).ApiNodes.Clear(); // expect: DSS1006
            await settings.SaveAsync();
            return;
        }

        if (settings is StaticInfraSettings staticSettings)
        {
            staticSettings.ApiNodes.Clear();
            await staticSettings.SaveAsync();
        }
    }

    public static async Task RotateKeysAsync(DssApiDeployerInfra infra, Func<string, string> newKeyFor)
    {
        var settings = await infra.GetSettingsAsync();
        switch (settings)
        {
            case StaticInfraSettings nodes:
                foreach (var node in nodes.ApiNodes)
                {
                    node.AdminApiKey = newKeyFor(node.Url!);
                }

                await nodes.SaveAsync();
                break;
            case KubernetesInfraSettings:
                Console.WriteLine("Kubernetes nodes read their key from a secret");
                break;
            default:
                throw new NotSupportedException($"{settings.Type} infrastructures have no nodes");
        }
    }

    public static async Task PruneAsync(DssApiDeployerInfra infra, ISet<string> alive)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings is KubernetesInfraSettings)
        {
            foreach (var url in alive)
            {
                ((StaticInfraSettings)settings).RemoveApiNode(url); // expect: DSS1006, DSS1002
            }

            return;
        }

        if (settings is StaticInfraSettings staticSettings)
        {
            foreach (var node in staticSettings.ApiNodes.Where(n => !alive.Contains(n.Url!)).ToList())
            {
                staticSettings.RemoveApiNode(node.Url!);
            }

            await staticSettings.SaveAsync();
        }
    }

    public static async Task AddNodeUnlessKubernetesAsync(DssApiDeployerInfra infra, string url, string key)
    {
        var settings = await infra.GetSettingsAsync();
        if (settings is not StaticInfraSettings)
        {
            ((StaticInfraSettings)settings).AddApiNode(url, key); // expect: DSS1006, DSS1002
            return;
        }

        ((StaticInfraSettings)settings).AddApiNode(url, key);
        await settings.SaveAsync();
    }
}
