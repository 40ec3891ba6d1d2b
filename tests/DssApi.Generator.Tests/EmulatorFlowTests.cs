using System.Text.Json.Nodes;
using DssApi.Emulator;
using DssApi.Generator.Tests.Live;

namespace DssApi.Generator.Tests;

/// <summary>The main job through the generated API, against the emulator: design, package, publish, deploy, wait, predict.</summary>
public sealed class EmulatorFlowTests
{
    [Fact]
    public async Task Design_package_publish_deploy_wait_and_predict()
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(20) });
        using var client = ClientOf(dss, options => options.ApiKey = dss.AdminApiKey);

        var (deployment, result) = await DeployChurnAsync(dss, client);

        var status = await deployment.GetStatusAsync();
        var serviceUrl = Assert.Single(status.GetServiceUrls());
        var endpoint = new Uri(serviceUrl);
        using var node = new DssApiNodeClient(new DssApiNodeClientOptions
        {
            Url = new Uri(endpoint.GetLeftPart(UriPartial.Authority)),
            ServiceId = endpoint.Segments[^1],
            ApiKey = dss.AdminApiKey,
            HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
        });
        var prediction = await node.PredictRecordAsync(
            "predict_churn",
            new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = 70, ["contract"] = "month-to-month", ["support_calls"] = 2 });

        Assert.Equal(1, result?.SucceededNodeCount);
        Assert.Equal(DeploymentHealth.Healthy, status.Heavy.Health);
        Assert.Equal("churn", prediction.Result?.Prediction?.GetValue<string>());
        Assert.Equal("v1", prediction.ApiContext?.ServiceGeneration);
    }

    [Fact]
    public async Task Code_run_by_dss_authenticates_with_its_ticket_queries_in_the_python_shape_and_deletes_as_python_does()
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(20) });
        using var client = ClientOf(dss, options => options.InternalTicket = dss.InternalTicket);
        var (deployment, _) = await DeployChurnAsync(dss, client);
        var features = new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = 70, ["contract"] = "month-to-month", ["support_calls"] = 2 };

        // The documented Python form: [{"q": {"features": {...}}}].
        var queried = await deployment.RunQueriesAsync([new TestQuery { Query = new EndpointQuery { Features = features.DeepClone() } }]);
        var tested = await deployment.RunTestQueriesAsync("predict_churn", [new TestQuery { Name = "ten months", Query = new EndpointQuery { Features = features.DeepClone() } }]);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => deployment.DeleteAsync());
        await deployment.DeleteAsync(disableFirst: true);

        Assert.Equal("churn", queried?["responses"]?[0]?["response"]?["result"]?["prediction"]?.GetValue<string>());
        Assert.Equal("churn", tested.Responses?[0].Response?["result"]?["prediction"]?.GetValue<string>());
        Assert.Equal("Deployment churn-dev deletion failed: deployment must be disabled first.", refused.Message);
        Assert.Empty(await client.GetApiDeployer().ListDeploymentsAsync());
    }

    [Fact]
    public async Task A_wrong_ticket_is_refused_as_unauthenticated()
    {
        await using var dss = await DssEmulator.StartAsync();
        using var client = ClientOf(dss, options => options.InternalTicket = "not-the-ticket");

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.GetApiDeployer().ListStagesAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("Unknown API ticket", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A client of the emulator, without a proxy, with the credentials <paramref name="authenticate"/> sets.</summary>
    private static DssClient ClientOf(DssEmulator dss, Action<DssClientOptions> authenticate)
    {
        var options = new DssClientOptions { Url = new Uri(dss.Url), HttpMessageHandler = new SocketsHttpHandler { UseProxy = false } };
        authenticate(options);
        return new DssClient(options);
    }

    /// <summary>Designs, packages, publishes and deploys the churn service on a STATIC infrastructure whose API node is the emulator.</summary>
    private static async Task<(DssApiDeployerDeployment Deployment, DeploymentUpdateResult? Result)> DeployChurnAsync(DssEmulator dss, DssClient client)
    {
        var service = await client.GetProject(dss.DemoProjectKey).CreateApiServiceAsync("churn");
        var settings = await service.GetSettingsAsync();
        settings.AddPredictionEndpoint("predict_churn", dss.DemoSavedModelIds[0]);
        await settings.SaveAsync();
        await service.CreatePackageAsync("v1", releaseNotes: "first");
        await service.PublishPackageAsync("v1");
        Assert.Contains(await service.ListPackagesAsync(), package => package.Id == "v1");

        var deployer = client.GetApiDeployer();
        var infra = await deployer.CreateInfraAsync("dev", "Development", InfraType.Static);
        var infraSettings = await infra.GetSettingsAsync<StaticInfraSettings>();
        infraSettings.AddApiNode(dss.Url, "node-key");
        await infraSettings.SaveAsync();

        var deployment = await deployer.CreateDeploymentAsync("churn-dev", "churn", "dev", "v1");
        var update = await deployment.StartUpdateAsync();
        return (deployment, await update.WaitForCompletionAsync(TimeSpan.FromSeconds(30)));
    }
}
