using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>API Designer routes: services, settings, packages (dss-protocol §2.2–2.5).</summary>
public sealed class DesignerTests
{
    [Fact]
    public async Task CreatedServiceIsListedWithTheListItemFields()
    {
        await using var dss = await TestDss.StartAsync();

        using var created = await dss.SendAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/churn");
        var list = await dss.GetJsonAsync($"projects/{dss.Project}/apiservices/");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(0, created.Content.Headers.ContentLength);
        var item = Assert.Single(list.AsArray())!.AsObject();
        Assert.Equal("churn", item["id"]!.GetValue<string>());
        Assert.Equal(dss.Project, item["projectKey"]!.GetValue<string>());
        Assert.Equal("churn", item["name"]!.GetValue<string>());
        Assert.Equal("PUBLIC", item["authMethod"]!.GetValue<string>());
        Assert.True(item["publicAccess"]!.GetValue<bool>());
        Assert.Empty(item["endpoints"]!.AsArray());
    }

    [Fact]
    public async Task CreatingAnExistingServiceIs400AndAnUnknownProjectIs404()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/svc");

        using var duplicate = await dss.SendAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/svc");
        using var noProject = await dss.SendAsync(HttpMethod.Post, "projects/NOPE/apiservices/svc");
        using var noService = await dss.SendAsync(HttpMethod.Get, $"projects/{dss.Project}/apiservices/FOO/settings");

        await TestDss.AssertErrorAsync(duplicate, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "already exists");
        await TestDss.AssertErrorAsync(noProject, HttpStatusCode.NotFound, ErrorTypes.NotFound, "Project NOPE not found");
        var error = await TestDss.AssertErrorAsync(noService, HttpStatusCode.NotFound, ErrorTypes.NotFound, "Service FOO not found");
        Assert.Equal(3, error.Count);
    }

    [Fact]
    public async Task SavingFillsEndpointDefaultsAndSyncsAuth()
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("svc", [TestDss.Endpoint("p", "STD_PREDICTION", "churn_classifier"), TestDss.Endpoint("f", "PY_FUNCTION")],
            settings => settings["authMethod"] = "API_KEYS");

        var settings = await dss.GetJsonAsync(path + "/settings");
        var prediction = settings["endpoints"]![0]!.AsObject();
        var function = settings["endpoints"]![1]!.AsObject();

        Assert.False(settings["publicAccess"]!.GetValue<bool>());
        Assert.True(prediction["useJava"]!.GetValue<bool>());
        Assert.Empty(prediction["enrichMapping"]!.AsArray());
        Assert.Empty(prediction["testQueries"]!.AsArray());
        Assert.False(prediction["outputExplanations"]!.GetValue<bool>());
        Assert.Equal("api_py_function", function["userFunctionName"]!.GetValue<string>());
    }

    [Fact]
    public async Task QueryKeysSavedWithoutAKeyGetOne()
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("svc", [], settings =>
            settings["authRealm"] = new JsonObject { ["queryKeys"] = new JsonArray(new JsonObject { ["label"] = "app" }) });

        var key = (await dss.GetJsonAsync(path + "/settings"))["authRealm"]!["queryKeys"]![0]!;

        Assert.Equal("app", key["label"]!.GetValue<string>());
        Assert.Equal(32, key["key"]!.GetValue<string>().Length);
    }

    [Theory]
    [InlineData("""{"endpoints":[{"id":"e","type":"NOT_A_TYPE"}]}""", "NOT_A_TYPE")]
    [InlineData("""{"authMethod":"KERBEROS"}""", "KERBEROS")]
    [InlineData("""{"endpoints":[{"type":"STD_PREDICTION"}]}""", "'id' is required")]
    [InlineData("""{"endpoints":[{"id":"e","type":"PY_FUNCTION"},{"id":"e","type":"PY_FUNCTION"}]}""", "Duplicate endpoint id 'e'")]
    public async Task InvalidSettingsAre400AndChangeNothing(string body, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        var path = $"projects/{dss.Project}/apiservices/svc";
        await dss.SendOkAsync(HttpMethod.Post, path);
        var before = (await dss.GetJsonAsync(path + "/settings")).ToJsonString();

        using var response = await dss.SendAsync(HttpMethod.Put, path + "/settings", body);

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, problem);
        Assert.Equal(before, (await dss.GetJsonAsync(path + "/settings")).ToJsonString());
    }

    [Fact]
    public async Task WrongFieldTypeIs400NamingTheField()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/svc");

        using var response = await dss.SendAsync(HttpMethod.Put, $"projects/{dss.Project}/apiservices/svc/settings", """{"endpoints":"many"}""");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.Malformed, "'endpoints'");
    }

    [Theory]
    [InlineData("""[{"query":1}]""", "'query' in endpoint q, queries[0] must be a string")]
    [InlineData("""["SELECT 1"]""", "queries[0] must be a JSON object")]
    [InlineData("""[{"query":"SELECT * FROM customers WHERE country = ?","inputParameters":[7]}]""", "inputParameters[0] in endpoint q, queries[0] must be a string")]
    [InlineData("""[{"query":"SELECT * FROM customers","maxResults":"ten"}]""", "'maxResults' in endpoint q, queries[0] must be")]
    public async Task SqlQueriesOfTheWrongShapeAre400NamingWhere(string queries, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/svc");

        using var response = await dss.SendAsync(HttpMethod.Put, $"projects/{dss.Project}/apiservices/svc/settings",
            $$"""{"endpoints":[{"id":"q","type":"SQL_QUERY","queries":{{queries}}}]}""");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.Malformed, problem);
    }

    [Fact]
    public async Task PackagesAreCreatedListedSummarizedAndDeleted()
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        var created = await dss.SendJsonAsync(HttpMethod.Post, path + "/packages/v1?releaseNotes=first");
        var list = await dss.GetJsonAsync(path + "/packages");
        var summary = await dss.GetJsonAsync(path + "/packages/v1/summary");
        var deleted = await dss.SendJsonAsync(HttpMethod.Delete, path + "/packages/v1");
        using var again = await dss.SendAsync(HttpMethod.Delete, path + "/packages/v1");

        Assert.Equal("""{"msg":"Created package v1"}""", created.ToJsonString());
        var package = Assert.Single(list.AsArray())!;
        Assert.Equal("v1", package["id"]!.GetValue<string>());
        Assert.True(package["createdOn"]!.GetValue<long>() > 0);
        Assert.Equal("first", summary["releaseNotes"]!.GetValue<string>());
        Assert.Equal("""[{"id":"churn","type":"STD_PREDICTION"}]""", summary["endpoints"]!.ToJsonString());
        Assert.Equal("""{"msg":"Deleted package v1"}""", deleted.ToJsonString());
        await TestDss.AssertErrorAsync(again, HttpStatusCode.NotFound, ErrorTypes.NotFound, "Package does not exist: v1");
    }

    [Theory]
    [InlineData("[]", "has no endpoint")]
    [InlineData("""[{"id":"p","type":"STD_PREDICTION"}]""", "has no saved model")]
    [InlineData("""[{"id":"p","type":"STD_PREDICTION","modelRef":"ghost"}]""", "ghost, which does not exist")]
    [InlineData("""[{"id":"p","type":"STD_FORECAST","modelRef":"churn_classifier"}]""", "a BINARY_CLASSIFICATION model")]
    public async Task PackagingAnUnservableServiceIs400(string endpoints, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("svc", JsonNode.Parse(endpoints)!.AsArray());

        using var response = await dss.SendAsync(HttpMethod.Post, path + "/packages/v1");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, problem);
        Assert.Empty((await dss.GetJsonAsync(path + "/packages")).AsArray());
    }

    [Fact]
    public async Task ArchiveIsAZipHoldingTheServiceSettingsAndTheManifest()
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        await dss.CreatePackageAsync("svc", "v1");

        using var response = await dss.SendAsync(HttpMethod.Get, path + "/packages/v1/archive");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment; filename=\"svc_v1.zip\"", response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var service = JsonNode.Parse(zip.GetEntry("service.json")!.Open())!;
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        Assert.Equal("churn", service["endpoints"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("v2", manifest["models"]!["churn_classifier"]!["versionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ArchiveOfAServiceWithANonAsciiIdKeepsItsNameInTheHeader()
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("prévision 服务", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        await dss.CreatePackageAsync("prévision 服务", "v1");

        using var response = await dss.SendAsync(HttpMethod.Get, path + "/packages/v1/archive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("prévision 服务_v1.zip", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task PublishingCreatesThePublishedServiceOnFirstUse()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateServiceAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        await dss.CreatePackageAsync("svc", "v1");
        await dss.CreatePackageAsync("svc", "v2");

        await dss.PublishAsync("svc", "v1");
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/svc/packages/v2/publish?publishedServiceId=other");
        await dss.PublishAsync("svc", "v2");
        using var republish = await dss.SendAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/svc/packages/v2/publish");

        var services = await dss.GetJsonAsync("api-deployer/services");
        Assert.Equal(["other", "svc"], services.AsArray().Select(service => service!["serviceBasicInfo"]!["id"]!.GetValue<string>()));
        Assert.Equal(["v1", "v2"], services[1]!["packages"]!.AsArray().Select(version => version!["id"]!.GetValue<string>()));
        await TestDss.AssertErrorAsync(republish, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "Version v2 already exists");
    }

    [Fact]
    public async Task PackagesPinTheSavedModelVersionActiveWhenTheyAreCreated()
    {
        await using var dss = await TestDss.StartAsync();
        var path = await dss.CreateServiceAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        var models = $"projects/{dss.Project}/savedmodels/churn_classifier";

        await dss.CreatePackageAsync("svc", "v2-model");
        await dss.SendOkAsync(HttpMethod.Post, models + "/versions/v1/actions/setActive");
        await dss.CreatePackageAsync("svc", "v1-model");
        var versions = await dss.GetJsonAsync(models + "/versions");
        using var unknown = await dss.SendAsync(HttpMethod.Post, models + "/versions/v9/actions/setActive");

        Assert.Equal("""[{"id":"v1","active":true},{"id":"v2","active":false}]""", versions.ToJsonString());
        await TestDss.AssertErrorAsync(unknown, HttpStatusCode.NotFound, ErrorTypes.NotFound, "v9");
        Assert.Equal("v2", await PinnedVersionAsync(dss, path, "v2-model"));
        Assert.Equal("v1", await PinnedVersionAsync(dss, path, "v1-model"));
    }

    [Fact]
    public async Task DemoSavedModelsAreListed()
    {
        await using var dss = await TestDss.StartAsync();

        var models = await dss.GetJsonAsync($"projects/{dss.Project}/savedmodels/");

        Assert.Equal(dss.Emulator.DemoSavedModelIds, models.AsArray().Select(model => model!["id"]!.GetValue<string>()));
        Assert.Equal(5, dss.Emulator.DemoSavedModelIds.Count);
    }

    private static async Task<string> PinnedVersionAsync(TestDss dss, string servicePath, string packageId)
    {
        using var response = await dss.SendAsync(HttpMethod.Get, $"{servicePath}/packages/{packageId}/archive");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!["models"]!["churn_classifier"]!["versionId"]!.GetValue<string>();
    }
}
