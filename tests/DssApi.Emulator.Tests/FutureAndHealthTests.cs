using System.Net;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>Deployment updates as futures, their consumption, and the health they lead to (dss-protocol §3, §5.7).</summary>
public sealed class FutureAndHealthTests
{

    private static JsonArray ChurnEndpoint() => [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")];

    [Fact]
    public async Task UpdateRunsAsAFutureThatIsDeletedByItsConsumingRead()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(500) });
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());

        var started = await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update");
        var jobId = started["jobId"]!.GetValue<string>();
        var running = await dss.GetJsonAsync($"futures/{jobId}?peek=False");
        var health = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");
        var listed = await dss.GetJsonAsync("futures/?withScenarios=False&withNotScenarios=True&allUsers=False");

        Assert.True(started["alive"]!.GetValue<bool>());
        Assert.False(started["hasResult"]!.GetValue<bool>());
        Assert.True(running["alive"]!.GetValue<bool>());
        Assert.NotEmpty(running["progress"]!["states"]!.AsArray());
        Assert.Equal("UNKNOWN", health["health"]!.GetValue<string>());
        Assert.Equal(jobId, listed.AsArray().Single()!["jobId"]!.GetValue<string>());

        var done = await dss.UpdateFinishedAsync(jobId);
        using var second = await dss.SendAsync(HttpMethod.Get, $"futures/{jobId}?peek=False");

        Assert.False(done.ContainsKey("jobId"));
        Assert.False(done["alive"]!.GetValue<bool>());
        Assert.False(done["aborted"]!.GetValue<bool>());
        Assert.Equal("""{"nbOKNodes":1,"nbNOKNodes":0}""", done["result"]!.ToJsonString());
        await TestDss.AssertErrorAsync(second, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "No future by that id");
    }

    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    [InlineData("TRUE")]
    public async Task PeekIsNonDestructiveAndNeverCarriesTheResult(string peek)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());
        var jobId = (await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update"))["jobId"]!.GetValue<string>();

        JsonObject peeked;
        do
        {
            peeked = (await dss.GetJsonAsync($"futures/{jobId}?peek={peek}")).AsObject();
        }
        while (peeked["alive"]!.GetValue<bool>());

        Assert.True(peeked["hasResult"]!.GetValue<bool>());
        Assert.False(peeked.ContainsKey("result"));
        Assert.Equal("Updating deployment dep-svc", peeked["jobDisplayName"]!.GetValue<string>());
        Assert.Equal("""{"nbOKNodes":1,"nbNOKNodes":0}""", (await dss.UpdateFinishedAsync(jobId))["result"]!.ToJsonString());
    }

    [Fact]
    public async Task HealthMovesToHealthyAndHeavyStatusListsTheApiNodes()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());

        var before = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");
        await dss.UpdateAsync("dep-svc");
        var after = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");
        var light = await dss.GetJsonAsync("api-deployer/deployments/dep-svc");

        Assert.Equal("OUT_OF_SYNC", before["health"]!.GetValue<string>());
        Assert.Equal("HEALTHY", after["health"]!.GetValue<string>());
        Assert.False(after["healthMessages"]!["anyMessage"]!.GetValue<bool>());
        Assert.Equal(dss.Emulator.Url, after["apiNodes"]![0]!["url"]!.GetValue<string>());
        Assert.False(after.AsObject().ContainsKey("publicURL"));
        Assert.Equal("""[{"id":"churn","type":"STD_PREDICTION"}]""", after["endpoints"]!.ToJsonString());
        Assert.False(light["neverEverDeployed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SettingsChangedAfterAnUpdateAreOutOfSyncUntilTheNextUpdate()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());
        await dss.UpdateAsync("dep-svc");
        var settings = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/settings")).AsObject();
        settings["tags"] = new JsonArray("changed");

        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/deployments/dep-svc/settings", settings.ToJsonString());
        var changed = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");
        await dss.UpdateAsync("dep-svc");
        var synced = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");

        Assert.Equal("OUT_OF_SYNC", changed["health"]!.GetValue<string>());
        Assert.Equal("HEALTHY", synced["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateToAnUnreachableApiNodeFailsAndTheConsumingReadRethrows()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint(), apiNodeUrl: "http://elsewhere.invalid:12000");

        var jobId = (await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update"))["jobId"]!.GetValue<string>();
        using var consumed = await dss.ConsumeFailureAsync(jobId);

        await TestDss.AssertErrorAsync(consumed, HttpStatusCode.InternalServerError, ErrorTypes.Coded,
            "None of the API nodes of infrastructure infra-svc can be reached");
        var status = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");
        var update = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/last-update");
        Assert.Equal("ERROR", status["health"]!.GetValue<string>());
        Assert.Equal("ERROR", status["healthMessages"]!["maxSeverity"]!.GetValue<string>());
        Assert.Equal("FAILED", update["status"]!.GetValue<string>());
        Assert.Contains(update["logs"]!["lines"]!.AsArray(), line => line!.GetValue<string>().Contains("can be reached"));
    }

    [Fact]
    public async Task OAuth2ServiceCannotBeServed()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint(), settings => settings["authMethod"] = "OAUTH2");

        var jobId = (await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update"))["jobId"]!.GetValue<string>();
        using var consumed = await dss.ConsumeFailureAsync(jobId);

        await TestDss.AssertErrorAsync(consumed, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "uses OAUTH2 authentication");
        Assert.Equal("ERROR", (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status"))["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task AbortedUpdateFinishesWithoutResultAndFails()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromSeconds(30) });
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());
        var jobId = (await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update"))["jobId"]!.GetValue<string>();

        await dss.SendOkAsync(HttpMethod.Delete, $"futures/{jobId}");
        var done = await dss.UpdateFinishedAsync(jobId);
        using var unknown = await dss.SendAsync(HttpMethod.Delete, $"futures/{jobId}");

        Assert.True(done["aborted"]!.GetValue<bool>());
        Assert.False(done.ContainsKey("result"));
        Assert.Equal("FAILED", (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/last-update"))["status"]!.GetValue<string>());
        await TestDss.AssertErrorAsync(unknown, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "No future by that id");
    }

    [Fact]
    public async Task SynchronousUpdateAnswersTheFinishedFutureInline()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());

        var done = await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update", """{"synchronous":true}""");

        Assert.True(done["hasResult"]!.GetValue<bool>());
        Assert.Equal(1, done["result"]!["nbOKNodes"]!.GetValue<int>());
        Assert.Empty((await dss.GetJsonAsync("futures/")).AsArray());
    }

    [Fact]
    public async Task UpdatesAreListedAndReadableByTimestamp()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PrepareDeploymentAsync("svc", ChurnEndpoint());
        await dss.UpdateAsync("dep-svc");
        await dss.UpdateAsync("dep-svc");

        var updates = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/update");
        var first = updates[0]!["startTimestamp"]!.GetValue<long>();
        var byTimestamp = await dss.GetJsonAsync($"api-deployer/deployments/dep-svc/update/{first}");
        var last = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/last-update");
        using var unknown = await dss.SendAsync(HttpMethod.Get, "api-deployer/deployments/dep-svc/update/12");

        Assert.Equal(2, updates.AsArray().Count);
        Assert.All(updates.AsArray(), update => Assert.Equal("SUCCESS", update!["status"]!.GetValue<string>()));
        Assert.False(updates[0]!.AsObject().ContainsKey("logs"));
        Assert.Equal(first, byTimestamp["startTimestamp"]!.GetValue<long>());
        Assert.Equal("admin", byTimestamp["requester"]!.GetValue<string>());
        Assert.Contains("Update succeeded", byTimestamp["logs"]!["lines"]!.AsArray().Select(line => line!.GetValue<string>()));
        Assert.Equal(updates[1]!["startTimestamp"]!.GetValue<long>(), last["startTimestamp"]!.GetValue<long>());
        await TestDss.AssertErrorAsync(unknown, HttpStatusCode.NotFound, ErrorTypes.NotFound, "12");
    }

    [Fact]
    public async Task NonStaticInfraExposesAPublicUrlOnceDeployed()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateServiceAsync("svc", ChurnEndpoint());
        await dss.CreatePackageAsync("svc", "v1");
        await dss.PublishAsync("svc", "v1");
        await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/infras", """{"id":"k8s","stage":"Production","type":"K8S"}""");
        await dss.CreateDeploymentAsync("dep-svc", "svc", "k8s", "v1");

        var before = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status")).AsObject();
        var result = await dss.UpdateAsync("dep-svc");
        var after = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status")).AsObject();

        Assert.False(before.ContainsKey("publicURL"));
        Assert.False(before.ContainsKey("apiNodes"));
        Assert.Equal("{}", result["result"]!.ToJsonString());
        Assert.Equal(dss.Emulator.Url, after["publicURL"]!.GetValue<string>());
        Assert.False(after.ContainsKey("apiNodes"));
    }
}
