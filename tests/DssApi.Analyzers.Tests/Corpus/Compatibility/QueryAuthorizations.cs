// DssApiTargetVersion: 14.0
using DssApi;

namespace Acme.Governance.Access;

/// <summary>Lets analyst groups query deployments through the deployer (DSS 14.1).</summary>
internal static class QueryAuthorizations
{
    public static async Task GrantAsync(DssApiDeployerDeployment deployment, string group, Version serverVersion)
    {
        if (serverVersion < new Version(14, 1))
        {
            throw new NotSupportedException($"DSS {serverVersion} cannot authorize queries through the deployer");
        }

        var settings = await deployment.GetSettingsAsync();
        settings.AuthorizationsToQueryThroughDeployer.Add(new QueryAuthorization { Group = group, QueryThroughDeployer = true });
        await settings.SaveAsync();
    }

    public static async Task GrantUncheckedAsync(DssApiDeployerDeployment deployment, string group)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.AuthorizationsToQueryThroughDeployer.Add(new QueryAuthorization { Group = group }); // expect: DSS1011
        await settings.SaveAsync();
    }

    public static async Task RevokeAllAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.AuthorizationsToQueryThroughDeployer.Clear(); // expect: DSS1011
        await settings.SaveAsync();
    }

    public static async Task<int> CountAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        return settings.AuthorizationsToQueryThroughDeployer.Count;
    }

    public static async Task<IReadOnlyList<string>> GroupsAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        return settings.AuthorizationsToQueryThroughDeployer.Select(a => a.Group ?? "?").ToList();
    }

    public static async Task CreateWithAuthorizationsAsync(DssApiDeployer deployer, string serviceId, string infraId)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-shared", serviceId, infraId, "v1",
            authorizationsToQueryThroughDeployer: [new QueryAuthorization { Group = "analysts", QueryThroughDeployer = true }]); // expect: DSS1011
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
    }
}
