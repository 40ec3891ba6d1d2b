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
        using var client = new DssClient(new DssClientOptions
        {
            Url = new Uri(dss.Url),
            ApiKey = dss.AdminApiKey,
            HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
        });

        var service = await client.GetProject(dss.DemoProjectKey).CreateApiServiceAsync("churn");
        var settings = await service.GetSettingsAsync();
        settings.AddPredictionEndpoint("predict_churn", dss.DemoSavedModelIds[0]);
        await settings.SaveAsync();
        await service.CreatePackageAsync("v1", releaseNotes: "first");
        await service.PublishPackageAsync("v1");
        Assert.Contains(await service.ListPackagesAsync(), package => package.Id == "v1");

        var deployer = client.GetApiDeployer();
        var infra = await deployer.CreateInfraAsync("dev", "Development", InfraType.Static);
        var infraSettings = Assert.IsType<StaticInfraSettings>(await infra.GetSettingsAsync());
        infraSettings.AddApiNode(dss.Url, "node-key");
        await infraSettings.SaveAsync();

        var deployment = await deployer.CreateDeploymentAsync("churn-dev", "churn", "dev", "v1");
        var update = await deployment.StartUpdateAsync();
        var result = await update.WaitForCompletionAsync(TimeSpan.FromSeconds(30));

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
}
