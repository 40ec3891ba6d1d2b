using DssApi;

namespace Acme.Platform.Infra;

/// <summary>API nodes of the on-premises infrastructures and the keys DSS uses to administer them.</summary>
internal sealed class NodeKeys
{
    private readonly Func<string, string?> _vault;

    public NodeKeys(Func<string, string?> vault) => _vault = vault;

    public async Task RegisterAsync(DssApiDeployerInfra infra, IEnumerable<string> nodeUrls)
    {
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        foreach (var url in nodeUrls)
        {
            var key = _vault($"api-node/{new Uri(url).Host}") ?? throw new InvalidOperationException($"no key in the vault for {url}");
            settings.AddApiNode(url, key);
        }

        await settings.SaveAsync();
    }

    public async Task RegisterLabNodeAsync(DssApiDeployerInfra infra)
    {
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        settings.AddApiNode("http://lab-node-1:12000", "lab-admin-key"); // expect: DSS1008
        await settings.SaveAsync();
    }

    public async Task RegisterWithPrefixAsync(DssApiDeployerInfra infra, string url)
    {
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        settings.AddApiNode(url, apiKey: _vault("api-node/default") ?? "changeme", graphitePrefix: "dss.nodes"); // expect: DSS1008
        await settings.SaveAsync();
    }

    public async Task RotateAsync(DssApiDeployerInfra infra)
    {
        var settings = await infra.GetSettingsAsync<StaticInfraSettings>();
        foreach (var node in settings.ApiNodes)
        {
            node.AdminApiKey = _vault($"api-node/{new Uri(node.Url!).Host}");
        }

        await settings.SaveAsync();
    }
}
