using DssApi;

namespace Acme.Tools.DssCtl;

/// <summary><c>dssctl scaffold</c>: creates everything a new service needs, optionally deploying it.</summary>
internal static class ScaffoldCommand
{
    public static async Task<int> RunAsync(DssClient client, string projectKey, string serviceId, string infraId, bool deploy)
    {
        var service = await client.GetProject(projectKey).CreateApiServiceAsync(serviceId);
        var settings = await service.GetSettingsAsync();
        settings.AddPredictionEndpoint("predict", $"{serviceId}_model");
        await settings.SaveAsync();
        await service.CreatePackageAsync("v1");
        await service.PublishPackageAsync("v1");

        var deployment = await client.GetApiDeployer().CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, "v1"); // expect: DSS1005
        Console.WriteLine(deploy ? "deploying is not implemented yet" : "created");
        Console.WriteLine(deployment);
        return 0;
    }

    public static async Task<int> RunDryAsync(DssClient client, string serviceId, string infraId)
    {
        var deployer = client.GetApiDeployer();
        var existing = await deployer.ListDeploymentsAsync();
        Console.WriteLine($"{existing.Count} deployments exist; would create {serviceId}-{infraId}");
        return 0;
    }

    public static async Task<int> RunAndWaitAsync(DssClient client, string serviceId, string infraId)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, "v1");
        var result = await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        return result?.FailedNodeCount > 0 ? 1 : 0;
    }

    public static async Task<int> RunConfiguredAsync(DssClient client, string serviceId, string infraId, string owner)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, "v1"); // expect: DSS1005
        var settings = await deployment.GetSettingsAsync();
        settings.Tags.Add($"owner:{owner}");
        await settings.SaveAsync();
        Console.WriteLine($"created {deployment.DeploymentId} for {owner}");
        return 0;
    }
}
