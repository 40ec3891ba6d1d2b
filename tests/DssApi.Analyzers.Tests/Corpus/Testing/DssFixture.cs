using DssApi;

namespace Acme.Scoring.Tests;

/// <summary>Shared by the integration tests: a client on the test DSS and a fresh API service per test class.</summary>
public sealed class DssFixture : IAsyncDisposable
{
    private const string TestKey = "dkuaps-integration-0001";

    public DssClient Client { get; } = new(new DssClientOptions
    {
        Url = new Uri(Environment.GetEnvironmentVariable("TEST_DSS_URL") ?? "http://127.0.0.1:11200"),
        ApiKey = Environment.GetEnvironmentVariable("TEST_DSS_KEY") ?? TestKey, // expect: DSS1008
    });

    public async Task<DssApiService> NewServiceAsync(string prefix)
    {
        var service = await Client.GetProject("TESTS").CreateApiServiceAsync($"{prefix}-{Guid.NewGuid():N}");
        var settings = await service.GetSettingsAsync();
        settings.AddPredictionEndpoint("predict", "test_model");
        await settings.SaveAsync();
        return service;
    }

    public async Task<DssApiDeployerDeployment> DeployAsync(string serviceId, string version)
    {
        var deployer = Client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-test", serviceId, "test-infra", version);
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync(TimeSpan.FromMinutes(2));
        return deployment;
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
