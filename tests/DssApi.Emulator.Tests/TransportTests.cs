using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>Wire behaviour shared by every route: headers, auth, errors, path and query quirks (dss-protocol §1).</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task EveryResponseCarriesTheDssVersionHeaders()
    {
        await using var dss = await TestDss.StartAsync();
        using var ok = await dss.SendAsync(HttpMethod.Get, "api-deployer/stages");
        using var error = await dss.SendAsync(HttpMethod.Get, "api-deployer/infras/missing");

        foreach (var response in new[] { ok, error })
        {
            Assert.Equal("14.3.3", response.Headers.GetValues("DSS-Version").Single());
            Assert.Equal("1", response.Headers.GetValues("DSS-API-Version").Single());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key:")]
    public async Task MissingOrUnknownKeyIs401WithBasicChallenge(string? credentials)
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UserApiKeys = ["user-key"] });
        using var client = TestDss.NewClient(dss.Emulator.Url, null);
        if (credentials is not null)
        {
            client.DefaultRequestHeaders.Authorization = TestDss.Basic(credentials);
        }

        using var response = await client.GetAsync(TestDss.PublicApi + "api-deployer/infras");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.Unauthorized, ErrorTypes.NotAuthenticated,
            credentials is null ? "API Key not provided" : "Unknown API key");
        Assert.Equal("Basic realm=\"DSS API\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task UserKeyCallsOrdinaryRoutesAndIsNotAdminOfInfrastructures()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UserApiKeys = ["user-key", "other-user-key"] });
        await dss.CreateStaticInfraAsync("infra");
        using var user = TestDss.NewClient(dss.Emulator.Url, "other-user-key");

        using var created = await user.PostAsync($"{TestDss.PublicApi}projects/{dss.Project}/apiservices/by-user", null);
        var infraForUser = await TestDss.ReadJsonAsync(await user.GetAsync(TestDss.PublicApi + "api-deployer/infras/infra"));
        var infrasForUser = await TestDss.ReadJsonAsync(await user.GetAsync(TestDss.PublicApi + "api-deployer/infras"));
        var infraForAdmin = await dss.GetJsonAsync("api-deployer/infras/infra");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("by-user", (await dss.GetJsonAsync($"projects/{dss.Project}/apiservices"))[0]!["id"]!.GetValue<string>());
        Assert.False(infraForUser["isAdmin"]!.GetValue<bool>());
        Assert.False(infrasForUser[0]!["isAdmin"]!.GetValue<bool>());
        Assert.True(infraForAdmin["isAdmin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UserKeyIsRefusedWith403OnAdminRoutesAndChangesNothing()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UserApiKeys = ["user-key"] });
        await dss.CreateStaticInfraAsync("existing");
        var before = (await dss.GetJsonAsync("api-deployer/infras/existing/settings")).AsObject();
        var edited = before.DeepClone().AsObject();
        edited["apiNodes"] = new JsonArray();
        using var user = TestDss.NewClient(dss.Emulator.Url, "user-key");

        using var create = await user.PostAsync(TestDss.PublicApi + "api-deployer/infras",
            new StringContent("""{"id":"new","stage":"Test","type":"K8S"}"""));
        using var save = await user.PutAsync(TestDss.PublicApi + "api-deployer/infras/existing/settings", new StringContent(edited.ToJsonString()));
        using var delete = await user.DeleteAsync(TestDss.PublicApi + "api-deployer/infras/existing");

        foreach (var response in new[] { create, save, delete })
        {
            await TestDss.AssertErrorAsync(response, HttpStatusCode.Forbidden, ErrorTypes.Unauthorized, "not admin");
        }

        var infras = await dss.GetJsonAsync("api-deployer/infras");
        Assert.Equal(["existing"], infras.AsArray().Select(infra => infra!["infraBasicInfo"]!["id"]!.GetValue<string>()));
        Assert.Equal(before.ToJsonString(), (await dss.GetJsonAsync("api-deployer/infras/existing/settings")).ToJsonString());
    }

    [Theory]
    [InlineData("/dip/publicapi/api-deployer/nothing-here")]
    [InlineData("/public/api/projects")]
    [InlineData("/dip/publicapi/api-deployer/infras")]
    [InlineData("/no/such/prefix")]
    [InlineData("/")]
    public async Task WithoutAValidKeyEveryPublicPathIs401SoRoutesCannotBeProbed(string path)
    {
        await using var dss = await TestDss.StartAsync();
        using var anonymous = TestDss.NewClient(dss.Emulator.Url, null);
        using var wrongKey = TestDss.NewClient(dss.Emulator.Url, "wrong-key");

        foreach (var client in new[] { anonymous, wrongKey })
        {
            using var response = await client.GetAsync(path);

            await TestDss.AssertErrorAsync(response, HttpStatusCode.Unauthorized, ErrorTypes.NotAuthenticated, client == anonymous ? "API Key not provided" : "Unknown API key");
        }

        using var withKey = await dss.Http.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.Unauthorized, withKey.StatusCode);
    }

    [Fact]
    public async Task UserKeyCannotReadInfrastructureSettingsWhichHoldTheApiNodesAdminKeys()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { UserApiKeys = ["user-key"] });
        await dss.CreateStaticInfraAsync("infra");
        using var user = TestDss.NewClient(dss.Emulator.Url, "user-key");

        using var settings = await user.GetAsync(TestDss.PublicApi + "api-deployer/infras/infra/settings");
        using var status = await user.GetAsync(TestDss.PublicApi + "api-deployer/infras/infra");

        var error = await TestDss.AssertErrorAsync(settings, HttpStatusCode.Forbidden, ErrorTypes.Unauthorized, "not admin");
        Assert.DoesNotContain("node-admin-key", error.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.DoesNotContain("node-admin-key", await status.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UserKeyCanBeNeitherEmptyNorTheAdminKey()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DssEmulator.StartAsync(new DssEmulatorOptions { AdminApiKey = "shared", UserApiKeys = ["shared"] }));
        await Assert.ThrowsAsync<ArgumentException>(() => DssEmulator.StartAsync(new DssEmulatorOptions { UserApiKeys = [""] }));
    }

    [Theory]
    [InlineData("basic-user")]
    [InlineData("basic-password")]
    [InlineData("bearer")]
    public async Task KeyIsAcceptedAsBasicUserBasicPasswordOrBearer(string form)
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { AdminApiKey = "fixed-key" });
        using var client = TestDss.NewClient(dss.Emulator.Url, null);
        client.DefaultRequestHeaders.Authorization = form switch
        {
            "basic-user" => TestDss.Basic("fixed-key:"),
            "basic-password" => TestDss.Basic(":fixed-key"),
            _ => new AuthenticationHeaderValue("Bearer", "fixed-key"),
        };

        using var response = await client.GetAsync(TestDss.PublicApi + "api-deployer/stages");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fixed-key", dss.Emulator.AdminApiKey);
    }

    [Fact]
    public async Task UnknownRouteIs404ErrorJsonAndWrongMethodIs405()
    {
        await using var dss = await TestDss.StartAsync();

        using var unknown = await dss.SendAsync(HttpMethod.Get, "api-deployer/nothing-here");
        using var wrongMethod = await dss.SendAsync(HttpMethod.Patch, "api-deployer/stages");

        await TestDss.AssertErrorAsync(unknown, HttpStatusCode.NotFound, ErrorTypes.NotFound, "api-deployer/nothing-here");
        await TestDss.AssertErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed,
            ErrorTypes.MethodNotSupported, "PATCH");
    }

    [Theory]
    [InlineData("/dip/publicapi/api-deployer/stages")]
    [InlineData("/dip/publicapi/api-deployer/stages/")]
    [InlineData("//dip/publicapi//api-deployer/stages")]
    [InlineData("/public/api/api-deployer/stages")]
    public async Task TrailingAndDoubledSlashesAndTheAliasReachTheSameRoute(string path)
    {
        await using var dss = await TestDss.StartAsync();

        using var response = await dss.Http.GetAsync(dss.Emulator.Url + path);

        var stages = await TestDss.ReadJsonAsync(response);
        Assert.Equal(["Development", "Test", "Production"], stages.AsArray().Select(stage => stage!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("with/slash")]
    [InlineData("dotted.v1.2")]
    [InlineData("with space")]
    [InlineData("ünïcødé-服务")]
    public async Task IdsArePercentDecodedPerSegment(string serviceId)
    {
        await using var dss = await TestDss.StartAsync();

        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/{TestDss.Escape(serviceId)}");
        var settings = await dss.GetJsonAsync($"projects/{dss.Project}/apiservices/{TestDss.Escape(serviceId)}/settings");
        var list = await dss.GetJsonAsync($"projects/{dss.Project}/apiservices/");

        Assert.Equal(serviceId, settings["id"]!.GetValue<string>());
        Assert.Equal(serviceId, list.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task NullFieldsAreOmittedAndUnknownFieldsRoundTrip()
    {
        await using var dss = await TestDss.StartAsync();
        var path = $"projects/{dss.Project}/apiservices/svc";
        await dss.SendOkAsync(HttpMethod.Post, path);
        var settings = (await dss.GetJsonAsync(path + "/settings")).AsObject();
        settings["description"] = null;
        settings["futureField"] = new JsonObject { ["nested"] = new JsonArray(1, "two"), ["gone"] = null };

        await dss.SendOkAsync(HttpMethod.Put, path + "/settings", settings.ToJsonString());
        var saved = (await dss.GetJsonAsync(path + "/settings")).AsObject();

        Assert.False(saved.ContainsKey("description"));
        Assert.Equal("""{"nested":[1,"two"]}""", saved["futureField"]!.ToJsonString());
    }

    [Fact]
    public async Task InvalidQueryBooleanIs400()
    {
        await using var dss = await TestDss.StartAsync();

        using var response = await dss.SendAsync(HttpMethod.Get, "futures/?withNotScenarios=maybe");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "withNotScenarios");
    }

    [Fact]
    public async Task MalformedJsonIs400AndChangesNothing()
    {
        await using var dss = await TestDss.StartAsync();
        var path = $"projects/{dss.Project}/apiservices/svc";
        await dss.SendOkAsync(HttpMethod.Post, path);
        var before = (await dss.GetJsonAsync(path + "/settings")).ToJsonString();

        using var response = await dss.SendAsync(HttpMethod.Put, path + "/settings", """{"endpoints": [""");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.Malformed, "Malformed JSON");
        Assert.Equal(before, (await dss.GetJsonAsync(path + "/settings")).ToJsonString());
    }

    [Fact]
    public async Task JsonBodiesAreReadWhateverTheContentType()
    {
        await using var dss = await TestDss.StartAsync();
        var body = """{"id":"i1","stage":"Test","type":"K8S"}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, TestDss.PublicApi + "api-deployer/infras")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)),
        };
        using var response = await dss.Http.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentType);
        Assert.Equal("K8S", (await TestDss.ReadJsonAsync(response))["type"]!.GetValue<string>());
    }
}
