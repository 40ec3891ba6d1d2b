using DssApi;

namespace Acme.Platform.Regions;

/// <summary>Deploys the read-only scoring endpoints in the secondary region.</summary>
internal static class SecondaryRegion
{
    private const string Infra = "static-secondary";

    public static async Task DeployAsync(DssApiDeployer deployer, string version)
    {
        var infra = await deployer.CreateInfraAsync(Infra, "DR", InfraType.Static);
        foreach (var endpoint in new[] { "score", "explain" })
        {
            var deployment = await deployer.CreateDeploymentAsync($"scoring-dr-{endpoint}", "scoring", Infra, version, endpoint); // expect: DSS1007
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }
    }

    public static async Task DeployWholeServiceAsync(DssApiDeployer deployer, string version)
    {
        await deployer.CreateInfraAsync(Infra, "DR", InfraType.Static);
        var deployment = await deployer.CreateDeploymentAsync("scoring-dr", "scoring", Infra, version);
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public static async Task DeployOnAzureAsync(DssApiDeployer deployer, string version)
    {
        var infra = await deployer.CreateInfraAsync("azure-secondary", "DR", InfraType.AzureMl);
        var deployment = await deployer.CreateDeploymentAsync("scoring-dr-azure", "scoring", infra.InfraId, version, endpointId: "score");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }

    public static async Task DeployWithIgnoredWarningsAsync(DssApiDeployer deployer, string version)
    {
        var infra = await deployer.CreateInfraAsync("static-secondary-2", "DR", InfraType.Static);
        var deployment = await deployer.CreateDeploymentAsync("scoring-dr-2", "scoring", infra.InfraId, version, endpointId: $"score-{version}", ignoreWarnings: true); // expect: DSS1007
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
