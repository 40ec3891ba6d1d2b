using DssApi;

namespace Acme.Platform.Infra;

/// <summary>Prints the API nodes of every static infrastructure, for the ops dashboard.</summary>
internal static class NodeInventory
{
    public static async Task<IReadOnlyList<string>> ListNodesAsync(DssApiDeployer deployer)
    {
        var urls = new List<string>();
        foreach (var status in await deployer.ListInfrasAsync())
        {
            var settings = await status.ToInfra().GetSettingsAsync();
            if (settings.Type != InfraType.Static)
            {
                continue;
            }

            urls.AddRange(((StaticInfraSettings)settings).ApiNodes.Select(n => n.Url ?? "?"));
        }

        return urls;
    }

    public static async Task<int> CountKubernetesNodesAsync(DssApiDeployer deployer)
    {
        var count = 0;
        foreach (var status in await deployer.ListInfrasAsync())
        {
            var settings = await status.ToInfra().GetSettingsAsync();
            if (settings.Type != InfraType.Kubernetes)
            {
                continue;
            }

            count += ((StaticInfraSettings)settings).ApiNodes.Count; // expect: DSS1006
        }

        return count;
    }

    public static async Task<string> DescribeAsync(DssApiDeployerInfra infra)
    {
        var settings = await infra.GetSettingsAsync();
        return settings switch
        {
            StaticInfraSettings s => $"static, {s.ApiNodes.Count} nodes",
            KubernetesInfraSettings k => $"kubernetes in {k.Namespace}",
            _ => settings.Type?.ToString() ?? "unknown",
        };
    }
}
