using DssApi;

namespace Acme.Platform.Tests;

/// <summary>Integration tests of the hybrid setup: one static and one Kubernetes infrastructure.</summary>
public sealed class HybridInfraTests(DssClient client)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public async Task Static_infrastructure_accepts_nodes()
    {
        var infra = await client.GetApiDeployer().CreateInfraAsync($"static-{_run}", "Test", InfraType.Static);
        var settings = await infra.GetSettingsAsync();
        var nodes = settings as StaticInfraSettings ?? throw new InvalidOperationException("expected static settings");
        nodes.AddApiNode("http://127.0.0.1:12000", Environment.GetEnvironmentVariable("NODE_KEY")!);
        await nodes.SaveAsync();
    }

    public async Task Kubernetes_infrastructure_has_a_namespace()
    {
        var infra = await client.GetApiDeployer().CreateInfraAsync($"k8s-{_run}-ns", "Test", InfraType.Kubernetes);
        var settings = await infra.GetSettingsAsync();
        if (settings is StaticInfraSettings nodes)
        {
            throw new InvalidOperationException($"unexpected static settings with {nodes.ApiNodes.Count} nodes"); // expect: DSS1006
        }

        if (settings is KubernetesInfraSettings { Namespace: null })
        {
            throw new InvalidOperationException("no namespace");
        }
    }
}
