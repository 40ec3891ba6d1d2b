using DssApi;

namespace Acme.Tools.DssCtl;

/// <summary><c>dssctl infra add-node &lt;infra&gt; &lt;url&gt;</c> and friends.</summary>
internal static class InfraCommand
{
    public static async Task<int> AddNodeAsync(DssClient client, string infraId, string nodeUrl)
    {
        var infra = client.GetApiDeployer().GetInfra(infraId);
        var settings = await infra.GetSettingsAsync();
        if (settings is not StaticInfraSettings staticSettings)
        {
            Console.Error.WriteLine($"{infraId} is a {settings.Type} infrastructure: nodes are managed by it");
            return 1;
        }

        var nodeKey = Environment.GetEnvironmentVariable("DSS_NODE_KEY") ?? throw new InvalidOperationException("Set DSS_NODE_KEY");
        staticSettings.AddApiNode(nodeUrl, nodeKey);
        await staticSettings.SaveAsync();
        return 0;
    }

    public static async Task<int> RemoveNodeAsync(DssClient client, string infraId, string nodeUrl)
    {
        var settings = await client.GetApiDeployer().GetInfra(infraId).GetSettingsAsync<StaticInfraSettings>();
        var removed = settings.RemoveApiNode(nodeUrl);
        if (removed == 0)
        {
            Console.Error.WriteLine($"no node {nodeUrl} in {infraId}");
            return 1;
        }

        await settings.SaveAsync();
        return 0;
    }

    public static async Task<int> ShowAsync(DssClient client, string infraId)
    {
        var settings = await client.GetApiDeployer().GetInfra(infraId).GetSettingsAsync();
        Console.WriteLine($"{settings.Id}: {settings.Type} in stage {settings.Stage}");
        switch (settings)
        {
            case StaticInfraSettings { ApiNodes: var nodes }:
                foreach (var node in nodes)
                {
                    Console.WriteLine($"  node {node.Url}");
                }

                break;
            case KubernetesInfraSettings k8s:
                Console.WriteLine($"  namespace {k8s.Namespace}, registry {k8s.RegistryHost}");
                break;
        }

        return 0;
    }

    public static async Task<int> SetStageAsync(DssClient client, string infraId, string stage)
    {
        var settings = await client.GetApiDeployer().GetInfra(infraId).GetSettingsAsync();
        if (settings.Stage == stage)
        {
            Console.WriteLine("nothing to do");
            await settings.SaveAsync(); // expect: DSS1001
            return 0;
        }

        settings.Stage = stage;
        await settings.SaveAsync();
        return 0;
    }
}
