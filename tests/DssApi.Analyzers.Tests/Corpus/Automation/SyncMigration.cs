using DssApi;

namespace Acme.Legacy.Batch;

/// <summary>The old synchronous batch host calls DSS through this wrapper (it cannot be async yet).</summary>
public sealed class SyncMigration
{
    private readonly DssClient _client;

    public SyncMigration(DssClient client) => _client = client;

    public void Redeploy(string deploymentId)
    {
        var deployment = _client.GetApiDeployer().GetDeployment(deploymentId);
        var future = deployment.StartUpdateAsync().GetAwaiter().GetResult();
        future.WaitForCompletionAsync().GetAwaiter().GetResult();
    }

    public void RedeployNoWait(string deploymentId)
    {
        var deployment = _client.GetApiDeployer().GetDeployment(deploymentId);
        deployment.StartUpdateAsync().GetAwaiter().GetResult(); // expect: DSS1003
    }

    public void Rename(string projectKey, string serviceId, string name)
    {
        var settings = _client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync().GetAwaiter().GetResult();
        settings.Name = name;
        settings.SaveAsync().GetAwaiter().GetResult();
    }

    public void RenameForgetful(string projectKey, string serviceId, string name)
    {
        var settings = _client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync().Result;
        settings.Name = name; // expect: DSS1002
    }

    public void Disable(string deploymentId)
    {
        var settings = _client.GetApiDeployer().GetDeployment(deploymentId).GetSettingsAsync().Result;
        settings.SetEnabled(false);
        settings.SaveAsync().Wait();
    }

    public void Export(string projectKey, string serviceId, string packageId, string path)
    {
        var service = _client.GetProject(projectKey).GetApiService(serviceId);
        using var stream = service.DownloadPackageStreamAsync(packageId).Result;
        using var file = File.Create(path);
        stream.CopyTo(file);
    }

    public void Deploy(string deploymentId, string serviceId, string infraId, string version)
    {
        var deployer = _client.GetApiDeployer();
        var deployment = deployer.CreateDeploymentAsync(deploymentId, serviceId, infraId, version).GetAwaiter().GetResult(); // expect: DSS1005
        Console.WriteLine($"deployment {deployment.DeploymentId} created");
    }
}
