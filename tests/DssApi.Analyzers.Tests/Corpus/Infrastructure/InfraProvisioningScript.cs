using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Port of provision-infra.ps1, run once per environment by the ops team.</summary>
public static class InfraProvisioningScript
{
    public static async Task<int> MainAsync(string[] args)
    {
        using var client = new DssClient(DssClientOptions.FromEnvironment());
        var deployer = client.GetApiDeployer();
        var environment = args.FirstOrDefault() ?? "dev";
        var nodeKey = Environment.GetEnvironmentVariable("NODE_ADMIN_KEY") ?? throw new InvalidOperationException("Set NODE_ADMIN_KEY");

        var onPrem = await deployer.CreateInfraAsync($"onprem-{environment}", environment, InfraType.Static);
        var onPremSettings = await onPrem.GetSettingsAsync<StaticInfraSettings>();
        onPremSettings.AddApiNode($"https://node1.{environment}.acme.local:12000", nodeKey);
        onPremSettings.AddApiNode($"https://node2.{environment}.acme.local:12000", nodeKey);
        await onPremSettings.SaveAsync();

        var cluster = await deployer.CreateInfraAsync($"k8s-{environment}", environment, InfraType.Kubernetes);
        var clusterSettings = await cluster.GetSettingsAsync<StaticInfraSettings>();
        clusterSettings.AddApiNode($"https://node3.{environment}.acme.local:12000", nodeKey); // expect: DSS1006
        await clusterSettings.SaveAsync();

        var scoring = await deployer.CreateDeploymentAsync($"scoring-{environment}", "scoring", onPrem.InfraId, "v1", endpointId: "score"); // expect: DSS1007
        var scoringOnCluster = await deployer.CreateDeploymentAsync($"scoring-k8s-{environment}", "scoring", cluster.InfraId, "v1", "score"); // expect: DSS1007
        foreach (var deployment in new[] { scoring, scoringOnCluster })
        {
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }

        return 0;
    }
}
