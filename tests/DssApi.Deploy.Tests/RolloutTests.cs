using System.Text;
using DssApi.Emulator;

namespace DssApi.Deploy.Tests;

public sealed class RolloutTests : IAsyncLifetime
{
    private DssEmulator _dss = null!;
    private DssClient _client = null!;

    public async Task InitializeAsync()
    {
        _dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(5) });
        _client = new DssClient(new DssClientOptions { Url = new Uri(_dss.Url), ApiKey = _dss.AdminApiKey, HttpMessageHandler = new SocketsHttpHandler { UseProxy = false } });

        // v1 serves a prediction endpoint; deployed alone.
        var state = DesiredState.Parse(Encoding.UTF8.GetBytes($$"""
            apiServices:
              - project: {{_dss.DemoProjectKey}}
                id: churn
                endpoints: [ { id: churn, type: STD_PREDICTION, modelRef: churn_classifier } ]
                package: v1
            infrastructures:
              - { id: dev, stage: Development, type: STATIC, settings: { apiNodes: [ { url: "{{_dss.Url}}", adminAPIKey: key } ] } }
            deployments:
              - { id: churn-dev, service: churn, infra: dev, version: v1 }
            """), "dss.yaml");
        await (await state.PlanAsync(_client)).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _dss.DisposeAsync();
    }

    /// <summary>Publishes v2; an unhealthy v2 adds a code endpoint, which the emulator's API node cannot load.</summary>
    private async Task PublishV2Async(bool healthy)
    {
        var service = _client.GetProject(_dss.DemoProjectKey).GetApiService("churn");
        if (!healthy)
        {
            var settings = await service.GetSettingsAsync();
            settings.GetRaw()["endpoints"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["id"] = "score", ["type"] = "PY_FUNCTION", ["code"] = "def api_py_function(): return 1" });
            await settings.SaveAsync();
        }

        await service.CreatePackageAsync("v2");
        await service.PublishPackageAsync("v2");
    }

    private async Task<(IReadOnlyList<TrafficShare>? Traffic, DeploymentHealth? Health)> LiveAsync()
    {
        var deployment = _client.GetApiDeployer().GetDeployment("churn-dev");
        var mapping = (await deployment.GetSettingsAsync()).GetRaw()["generationsMapping"] as System.Text.Json.Nodes.JsonObject;
        return (Planning.TrafficMapping.Read(mapping), (await deployment.GetHeavyStatusAsync()).Health);
    }

    private static RolloutOptions Options(string version = "v2") =>
        new() { DeploymentId = "churn-dev", Version = version, BakeTime = TimeSpan.Zero, RunTestQueries = true, TestQueriesEndpointId = "churn" };

    [Fact]
    public async Task A_healthy_version_is_rolled_out_step_by_step()
    {
        await PublishV2Async(healthy: true);
        var steps = new List<RolloutProgress>();

        var final = await Rollout.RunAsync(_client, Options(), new SynchronousProgress<RolloutProgress>(steps.Add));

        Assert.Equal([new TrafficShare("v2", 1)], final);
        Assert.Equal(["traffic: v1 90 %, v2 10 %", "traffic: v1 50 %, v2 50 %", "traffic: v2 100 %"],
            steps.Where(step => step.Message.StartsWith("traffic:", StringComparison.Ordinal)).Select(step => step.Message));
        var (traffic, health) = await LiveAsync();
        Assert.Equal([new TrafficShare("v2", 1)], traffic);
        Assert.Equal(DeploymentHealth.Healthy, health);
    }

    [Fact]
    public async Task An_unhealthy_version_fails_at_the_first_step_and_is_rolled_back()
    {
        await PublishV2Async(healthy: false);

        var failure = await Assert.ThrowsAsync<RolloutFailedException>(() => Rollout.RunAsync(_client, Options()));

        Assert.Equal(("health", 0.1), (failure.Gate, failure.Share));
        Assert.Contains("Endpoint score cannot be executed", failure.Observed);
        Assert.StartsWith("Rollout of deployment churn-dev stopped at 10 %: the health gate failed (WARNING: ", failure.Message);
        var (traffic, health) = await LiveAsync();
        Assert.Equal([new TrafficShare("v1", 1)], traffic);
        Assert.Equal(DeploymentHealth.Healthy, health);
    }

    [Fact]
    public async Task An_interrupted_rollout_continues_from_the_live_split()
    {
        await PublishV2Async(healthy: true);
        var settings = await _client.GetApiDeployer().GetDeployment("churn-dev").GetSettingsAsync();
        settings.GetRaw()["generationsMapping"] = Planning.TrafficMapping.ToJson([new TrafficShare("v1", 0.5), new TrafficShare("v2", 0.5)], "RANDOM");
        await settings.SaveAsync();
        var steps = new List<RolloutProgress>();

        await Rollout.RunAsync(_client, Options(), new SynchronousProgress<RolloutProgress>(steps.Add));

        Assert.Equal([0.5, 1], steps.Select(step => step.Share).Distinct());
        Assert.Equal([new TrafficShare("v2", 1)], (await LiveAsync()).Traffic);
    }
}

/// <summary>Reports on the caller's thread, in order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
