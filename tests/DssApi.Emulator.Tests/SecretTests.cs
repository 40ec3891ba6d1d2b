using System.Net;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>Secrets of infrastructure settings (the fields the DSS schema marks secret) are kept and answered encrypted.</summary>
public sealed class SecretTests
{
    private const string Encrypted = "dss-emulator-encrypted:v1:";
    private const string NodeKey = "node-admin-secret-7c1f";
    private const string EventKey = "event-server-secret-2d9b";
    private const string Settings = "api-deployer/infras/infra/settings";

    private static JsonObject ApiNode(string url, string adminKey) => new() { ["url"] = url, ["adminAPIKey"] = adminKey };

    private static async Task SaveNodeAsync(TestDss dss, string adminKey, string? url = null)
    {
        var settings = (await dss.GetJsonAsync(Settings)).AsObject();
        settings["apiNodes"] = new JsonArray(ApiNode(url ?? dss.Url, adminKey));
        settings["defaultApiNodeLogging"] = new JsonObject { ["eventServerAuthKey"] = EventKey, ["kafkaTopic"] = "queries" };
        await dss.SendOkAsync(HttpMethod.Put, Settings, settings.ToJsonString());
    }

    private static string AdminKeyOf(JsonNode settings) => settings["apiNodes"]![0]!["adminAPIKey"]!.GetValue<string>();

    [Fact]
    public async Task SecretsAreAnsweredAndStoredEncryptedKeptWhenSentBackAndReplacedByAClearValue()
    {
        using var temporary = new TemporaryDirectory();
        DssEmulatorOptions Options() => new() { DataDirectory = temporary.Path, AdminApiKey = "admin" };
        string encryptedKey;
        await using (var dss = await TestDss.StartAsync(Options()))
        {
            await dss.CreateStaticInfraAsync("infra");
            await SaveNodeAsync(dss, NodeKey);
            var read = await dss.GetJsonAsync(Settings);
            encryptedKey = AdminKeyOf(read);

            await dss.SendOkAsync(HttpMethod.Put, Settings, read.ToJsonString());
            var sentBack = await dss.GetJsonAsync(Settings);

            Assert.StartsWith(Encrypted, encryptedKey);
            Assert.StartsWith(Encrypted, read["defaultApiNodeLogging"]!["eventServerAuthKey"]!.GetValue<string>());
            Assert.Equal("queries", read["defaultApiNodeLogging"]!["kafkaTopic"]!.GetValue<string>());
            Assert.DoesNotContain(NodeKey, read.ToJsonString());
            Assert.DoesNotContain(EventKey, read.ToJsonString());
            Assert.Equal(read.ToJsonString(), sentBack.ToJsonString());
            foreach (var file in Directory.GetFiles(temporary.Path))
            {
                var stored = await File.ReadAllTextAsync(file);
                Assert.DoesNotContain(NodeKey, stored);
                Assert.DoesNotContain(EventKey, stored);
            }
        }

        await using var restarted = await TestDss.StartAsync(Options());
        Assert.Equal(encryptedKey, AdminKeyOf(await restarted.GetJsonAsync(Settings)));
        await SaveNodeAsync(restarted, "a-new-clear-key");
        var replaced = AdminKeyOf(await restarted.GetJsonAsync(Settings));
        Assert.StartsWith(Encrypted, replaced);
        Assert.NotEqual(encryptedKey, replaced);
    }

    [Fact]
    public async Task TheApiNodeStillAuthenticatesTheDeployerWithTheClearKey()
    {
        using var temporary = new TemporaryDirectory();
        DssEmulatorOptions Options() => new()
        {
            DataDirectory = temporary.Path, AdminApiKey = "admin", ApiNodeAdminApiKey = NodeKey, UpdateStepDuration = TimeSpan.FromMilliseconds(5),
        };
        await using (var dss = await TestDss.StartAsync(Options()))
        {
            await dss.PublishWithInfraAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
            await dss.SendOkAsync(HttpMethod.Post, "api-deployer/infras", """{"id":"infra","stage":"Test","type":"STATIC"}""");
            await SaveNodeAsync(dss, NodeKey);
            // The settings go back as read: the key travels encrypted.
            await dss.SendOkAsync(HttpMethod.Put, Settings, (await dss.GetJsonAsync(Settings)).ToJsonString());
            await dss.CreateDeploymentAsync("dep", "svc", "infra", "v1");

            var update = await dss.UpdateAsync("dep");

            Assert.Equal(1, update["result"]!["nbOKNodes"]!.GetValue<int>());
        }

        // After a restart (on a new port) the encrypted key still opens with the emulator's persisted secret key.
        await using var restarted = await TestDss.StartAsync(Options());
        var moved = (await restarted.GetJsonAsync(Settings)).AsObject();
        moved["apiNodes"]![0]!["url"] = restarted.Url;
        await restarted.SendOkAsync(HttpMethod.Put, Settings, moved.ToJsonString());
        Assert.Equal(1, (await restarted.UpdateAsync("dep"))["result"]!["nbOKNodes"]!.GetValue<int>());

        // A wrong clear key is refused by the API node.
        await SaveNodeAsync(restarted, "not-the-node-key");
        var future = (await restarted.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep/actions/update")).AsObject();
        using var failed = await restarted.ConsumeFailureAsync(future["jobId"]!.GetValue<string>());
        await TestDss.AssertErrorAsync(failed, HttpStatusCode.InternalServerError, ErrorTypes.Coded, "with its admin API key");
    }

    [Fact]
    public async Task AUserKeyNeverSeesASecretInAnyForm()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UserApiKeys = ["user-key"], UpdateStepDuration = TimeSpan.FromMilliseconds(5) });
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        var settings = (await dss.GetJsonAsync("api-deployer/infras/infra-svc/settings")).AsObject();
        settings["apiNodes"]!.AsArray().Add(ApiNode("http://other-node:12000", NodeKey));
        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/infras/infra-svc/settings", settings.ToJsonString());
        var stored = await dss.GetJsonAsync("api-deployer/infras/infra-svc/settings");
        string[] secrets = [NodeKey, "node-admin-key", Encrypted, .. stored["apiNodes"]!.AsArray().Select(node => node!["adminAPIKey"]!.GetValue<string>())];
        using var user = TestDss.NewClient(dss.Url, "user-key");

        using var settingsForUser = await user.GetAsync(TestDss.PublicApi + "api-deployer/infras/infra-svc/settings");
        await TestDss.AssertErrorAsync(settingsForUser, HttpStatusCode.Forbidden, ErrorTypes.Unauthorized, "not admin");
        foreach (var path in new[]
        {
            "api-deployer/infras", "api-deployer/infras/infra-svc", "api-deployer/deployments", "api-deployer/deployments/dep-svc",
            "api-deployer/deployments/dep-svc/status", "api-deployer/deployments/dep-svc/settings", "api-deployer/services",
        })
        {
            var text = (await TestDss.ReadJsonAsync(await user.GetAsync(TestDss.PublicApi + path))).ToJsonString();
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text));
        }
    }

    [Fact]
    public async Task AnEncryptedValueThisEmulatorDidNotMakeIs400AndChangesNothing()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateStaticInfraAsync("infra");
        var before = await dss.GetJsonAsync(Settings);
        var forged = before.DeepClone().AsObject();
        forged["apiNodes"] = new JsonArray(ApiNode(dss.Url, Encrypted + "bm90LWEtc2VjcmV0"));

        using var response = await dss.SendAsync(HttpMethod.Put, Settings, forged.ToJsonString());

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "not encrypted by this emulator");
        Assert.Equal(before.ToJsonString(), (await dss.GetJsonAsync(Settings)).ToJsonString());
    }
}
