using DssApi;

namespace Acme.Scoring.Tests;

/// <summary>Base class of the deployment tests: each test gets its own deployment, deleted afterwards.</summary>
public abstract class DeploymentTestBase(DssClient client) : IAsyncDisposable
{
    private readonly List<DssApiDeployerDeployment> _created = [];

    protected DssApiDeployer Deployer => client.GetApiDeployer();

    protected async Task<DssApiDeployerDeployment> DeployAsync(string serviceId, string version)
    {
        var deployment = await Deployer.CreateDeploymentAsync($"{serviceId}-{Guid.NewGuid():N}", serviceId, "test-infra", version);
        _created.Add(deployment);
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        return deployment;
    }

    protected async Task<DssApiDeployerDeployment> CreateOnlyAsync(string serviceId, string version)
    {
        var deployment = await Deployer.CreateDeploymentAsync($"{serviceId}-{Guid.NewGuid():N}", serviceId, "test-infra", version);
        _created.Add(deployment);
        return deployment;
    }

    protected async Task CreateAndForgetAsync(string serviceId, string version)
    {
        var deployment = await Deployer.CreateDeploymentAsync($"{serviceId}-{Guid.NewGuid():N}", serviceId, "test-infra", version); // expect: DSS1005
        Console.WriteLine($"created {deployment.DeploymentId}");
    }

    protected async Task RedeployAsync(DssApiDeployerDeployment deployment)
    {
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync(TimeSpan.FromMinutes(2));
    }

    protected async Task RedeployWithoutWaitingAsync(DssApiDeployerDeployment deployment)
    {
        await deployment.StartUpdateAsync().ConfigureAwait(false); // expect: DSS1003
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var deployment in _created)
        {
            await deployment.DeleteAsync(disableFirst: true);
        }

        GC.SuppressFinalize(this);
    }
}
