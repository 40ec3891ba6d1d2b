using DssApi;

namespace Acme.Platform.Infra;

/// <summary>Keeps the node list of infrastructures in line with the CMDB.</summary>
public sealed class ClusterNodes(DssApiDeployer deployer, Func<string, string> keyOf)
{
    public async Task SyncAsync(string infraId, IReadOnlyCollection<string> wanted)
    {
        var settings = await deployer.GetInfra(infraId).GetSettingsAsync();
        if (settings is StaticInfraSettings { ApiNodes: var nodes } staticSettings)
        {
            foreach (var url in wanted.Except(nodes.Select(n => n.Url ?? "")))
            {
                staticSettings.AddApiNode(url, keyOf(url));
            }

            await staticSettings.SaveAsync();
        }
    }

    public async Task SyncNewAsync(string infraId, IReadOnlyCollection<string> wanted, bool kubernetes)
    {
        var infra = await deployer.CreateInfraAsync(infraId, "Production", kubernetes ? InfraType.Kubernetes : InfraType.Static);
        var settings = await infra.GetSettingsAsync();
        if (!kubernetes)
        {
            var staticSettings = (StaticInfraSettings)settings;
            foreach (var url in wanted)
            {
                staticSettings.AddApiNode(url, keyOf(url));
            }

            await staticSettings.SaveAsync();
        }
    }

    public async Task SyncKubernetesAsync(string infraId, IReadOnlyCollection<string> wanted)
    {
        var infra = await deployer.CreateInfraAsync(infraId, "Production", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        var apiNodes = ((StaticInfraSettings)settings).ApiNodes; // expect: DSS1006
        foreach (var url in wanted)
        {
            apiNodes.Add(new ApiNode { Url = url, AdminApiKey = keyOf(url) });
        }

        await settings.SaveAsync();
    }

    public async Task ReplaceNodesAsync(string infraId, IReadOnlyCollection<string> wanted)
    {
        var infra = deployer.GetInfra(infraId);
        var settings = await infra.GetSettingsAsync();
        switch (settings.Type)
        {
            case var t when t == InfraType.Static:
                var nodes = (StaticInfraSettings)settings;
                nodes.ApiNodes.Clear();
                foreach (var url in wanted)
                {
                    nodes.AddApiNode(url, keyOf(url));
                }

                await nodes.SaveAsync();
                break;
            case var t when t == InfraType.Kubernetes:
                Console.WriteLine($"{infraId}: nodes come from the cluster");
                break;
        }
    }
}
