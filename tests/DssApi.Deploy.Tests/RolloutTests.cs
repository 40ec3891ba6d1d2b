using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// Makes <paramref name="version"/> of a demo saved model the active one, as DSS's saved-model API does: the next
    /// package pins it, so it answers differently from a package built on another version.
    /// </summary>
    private async Task SetActiveModelVersionAsync(string savedModelId, string version)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{_dss.Url}/dip/publicapi/projects/{_dss.DemoProjectKey}/savedmodels/{savedModelId}/versions/{version}/actions/setActive");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_dss.AdminApiKey + ":")));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    // Package v1 pins churn_classifier v2 (the demo's active version), which predicts churn here; v1 of the model predicts stay.
    private static JsonObject FrequentCaller() => new()
    {
        ["name"] = "frequent caller",
        ["q"] = new JsonObject { ["features"] = new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = 20, ["contract"] = "one-year", ["support_calls"] = 5 } },
    };

    /// <summary>After a rollback: the split before the rollout is live and healthy again.</summary>
    private async Task AssertServesV1AloneAndHealthyAsync()
    {
        var (traffic, health) = await LiveAsync();
        Assert.Equal([new TrafficShare("v1", 1)], traffic);
        Assert.Equal(DeploymentHealth.Healthy, health);
    }

    private async Task<(IReadOnlyList<TrafficShare>? Traffic, DeploymentHealth? Health)> LiveAsync()
    {
        var deployment = _client.GetApiDeployer().GetDeployment("churn-dev");
        var mapping = (await deployment.GetSettingsAsync()).GetRaw()["generationsMapping"] as System.Text.Json.Nodes.JsonObject;
        return (Planning.TrafficMapping.Read(mapping), (await deployment.GetHeavyStatusAsync()).Health);
    }

    private static RolloutOptions Options(string version = "v2", PredictionComparison? comparePredictions = null) =>
        new() { DeploymentId = "churn-dev", Version = version, BakeTime = TimeSpan.Zero, RunTestQueries = true, TestQueriesEndpointId = "churn", ComparePredictions = comparePredictions };

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
        await AssertServesV1AloneAndHealthyAsync();
    }

    [Fact]
    public async Task A_version_that_predicts_another_class_fails_the_prediction_gate_and_is_rolled_back()
    {
        await SetActiveModelVersionAsync("churn_classifier", "v1");
        await PublishV2Async(healthy: true);

        var failure = await Assert.ThrowsAsync<RolloutFailedException>(() =>
            Rollout.RunAsync(_client, Options(comparePredictions: new PredictionComparison { Queries = [FrequentCaller()] })));

        Assert.Equal(("same predictions", 0.1), (failure.Gate, failure.Share));
        Assert.Equal("query 1 (frequent caller): v1 predicted \"churn\", v2 predicted \"stay\"", failure.Observed);
        await AssertServesV1AloneAndHealthyAsync();
    }

    [Fact]
    public async Task A_version_that_predicts_the_same_on_the_saved_test_queries_passes_the_prediction_gate()
    {
        var service = _client.GetProject(_dss.DemoProjectKey).GetApiService("churn");
        var settings = await service.GetSettingsAsync();
        settings.GetRaw()["endpoints"]![0]!["testQueries"] = new JsonArray(FrequentCaller());
        await settings.SaveAsync();
        await PublishV2Async(healthy: true);
        var comparison = await PredictionComparison.FromTestQueriesAsync(_client, _dss.DemoProjectKey, "churn", "churn");

        var final = await Rollout.RunAsync(_client, Options(comparePredictions: comparison));

        Assert.Equal([new TrafficShare("v2", 1)], final);
    }

    [Theory]
    [InlineData(20_000, true)]
    [InlineData(1_000, false)]
    public async Task Regression_predictions_may_differ_within_the_tolerance(double tolerance, bool passes)
    {
        var state = DesiredState.Parse(Encoding.UTF8.GetBytes($$"""
            apiServices:
              - { project: {{_dss.DemoProjectKey}}, id: price, endpoints: [ { id: price, type: STD_PREDICTION, modelRef: house_price_regressor } ], package: v1 }
            infrastructures:
              - { id: dev, stage: Development, type: STATIC, settings: { apiNodes: [ { url: "{{_dss.Url}}", adminAPIKey: key } ] } }
            deployments:
              - { id: churn-dev, service: churn, infra: dev, version: v1 }
              - { id: price-dev, service: price, infra: dev, version: v1 }
            """), "dss.yaml");
        await (await state.PlanAsync(_client)).ApplyAsync();
        await SetActiveModelVersionAsync("house_price_regressor", "v2");
        var service = _client.GetProject(_dss.DemoProjectKey).GetApiService("price");
        await service.CreatePackageAsync("v2");
        await service.PublishPackageAsync("v2");
        var house = new JsonObject { ["q"] = new JsonObject { ["features"] = new JsonObject { ["surface_m2"] = 50, ["rooms"] = 2, ["city"] = "Nice" } } };
        var options = new RolloutOptions
        {
            DeploymentId = "price-dev",
            Version = "v2",
            BakeTime = TimeSpan.Zero,
            ComparePredictions = new PredictionComparison { Queries = [house], Tolerance = tolerance },
        };

        if (passes)
        {
            Assert.Equal([new TrafficShare("v2", 1)], await Rollout.RunAsync(_client, options));
        }
        else
        {
            var failure = await Assert.ThrowsAsync<RolloutFailedException>(() => Rollout.RunAsync(_client, options));
            Assert.Equal("query 1: v1 predicted 195000, v2 predicted 211000", failure.Observed);
        }
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
