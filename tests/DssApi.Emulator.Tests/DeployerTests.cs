using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>API Deployer routes: infrastructures, published services and their versions, deployments (dss-protocol §2.6–2.16).</summary>
public sealed class DeployerTests
{
    [Fact]
    public async Task StaticInfraIsCreatedWithApiNodesAndAppearsInLists()
    {
        await using var dss = await TestDss.StartAsync();

        var created = await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/infras", """{"id":"prod","stage":"Production","type":"STATIC"}""");
        var status = await dss.GetJsonAsync("api-deployer/infras/prod");
        var list = await dss.GetJsonAsync("api-deployer/infras");

        Assert.Equal("""{"id":"prod","stage":"Production","type":"STATIC","governCheckPolicy":"NO_CHECK","permissions":[],"apiNodes":[]}""", created.ToJsonString());
        Assert.Equal("""{"id":"prod","type":"STATIC","stage":"Production","carbonAPIEnabled":false,"governCheckPolicy":"NO_CHECK","apiNodeUrls":[]}""",
            status["infraBasicInfo"]!.ToJsonString());
        Assert.Empty(status["deployments"]!.AsArray());
        Assert.Equal("prod", list[0]!["infraBasicInfo"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task InfraSettingsKeepApiNodesAndUnknownFieldsAndForceIdentity()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateStaticInfraAsync("i1", "http://node-a:12000");
        var settings = (await dss.GetJsonAsync("api-deployer/infras/i1/settings")).AsObject();
        settings["id"] = "renamed";
        settings["customThing"] = 42;
        settings.Remove("apiNodes");

        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/infras/i1/settings", settings.ToJsonString());
        var saved = await dss.GetJsonAsync("api-deployer/infras/i1/settings");
        using var typeChange = await dss.SendAsync(HttpMethod.Put, "api-deployer/infras/i1/settings", """{"type":"K8S"}""");

        Assert.Equal("i1", saved["id"]!.GetValue<string>());
        Assert.Equal(42, saved["customThing"]!.GetValue<int>());
        Assert.Empty(saved["apiNodes"]!.AsArray());
        await TestDss.AssertErrorAsync(typeChange, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "type of an infrastructure cannot change");
    }

    [Theory]
    [InlineData("""{"id":"i","stage":"Development","type":"MAINFRAME"}""", "MAINFRAME")]
    [InlineData("""{"id":"i","stage":"Nowhere","type":"STATIC"}""", "Nowhere")]
    [InlineData("""{"id":"i","stage":"Development","type":"STATIC","governCheckPolicy":"MAYBE"}""", "MAYBE")]
    [InlineData("""{"stage":"Development","type":"STATIC"}""", "'id' is required")]
    public async Task InvalidInfraCreationIs400AndCreatesNothing(string body, string problem)
    {
        await using var dss = await TestDss.StartAsync();

        using var response = await dss.SendAsync(HttpMethod.Post, "api-deployer/infras", body);

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, problem);
        Assert.Empty((await dss.GetJsonAsync("api-deployer/infras")).AsArray());
    }

    [Fact]
    public async Task InfraAndServiceWithDeploymentsCannotBeDeleted()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var infra = await dss.SendAsync(HttpMethod.Delete, "api-deployer/infras/infra-svc");
        using var service = await dss.SendAsync(HttpMethod.Delete, "api-deployer/services/svc");
        using var version = await dss.SendAsync(HttpMethod.Delete, "api-deployer/services/svc/versions/v1");

        await TestDss.AssertErrorAsync(infra, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "still has deployments (dep-svc)");
        await TestDss.AssertErrorAsync(service, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "still has deployments (dep-svc)");
        await TestDss.AssertErrorAsync(version, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "used by deployments (dep-svc)");
    }

    [Fact]
    public async Task EnabledDeploymentMustBeDisabledBeforeDeletion()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var refused = await dss.SendAsync(HttpMethod.Delete, "api-deployer/deployments/dep-svc?ignorePreDeleteErrors=False");
        var settings = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/settings")).AsObject();
        settings["enabled"] = false;
        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/deployments/dep-svc/settings?ignoreWarnings=False", settings.ToJsonString());
        await dss.SendOkAsync(HttpMethod.Delete, "api-deployer/deployments/dep-svc?ignorePreDeleteErrors=True");
        await dss.SendOkAsync(HttpMethod.Delete, "api-deployer/infras/infra-svc");
        await dss.SendOkAsync(HttpMethod.Delete, "api-deployer/services/svc");

        await TestDss.AssertErrorAsync(refused, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "deletion failed: deployment must be disabled first");
        Assert.Empty((await dss.GetJsonAsync("api-deployer/deployments")).AsArray());
        Assert.Empty((await dss.GetJsonAsync("api-deployer/services")).AsArray());
    }

    [Fact]
    public async Task PublishedServiceIsCreatedFromJsonAndItsSettingsRoundTrip()
    {
        await using var dss = await TestDss.StartAsync();

        var created = await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"pub"}""");
        var settings = (await dss.GetJsonAsync("api-deployer/services/pub/settings")).AsObject();
        settings["name"] = "Published";
        settings["permissions"] = new JsonArray(new JsonObject { ["group"] = "analysts", ["read"] = true });
        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/services/pub/settings", settings.ToJsonString());
        var status = await dss.GetJsonAsync("api-deployer/services/pub");
        using var duplicate = await dss.SendAsync(HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"pub"}""");
        using var missing = await dss.SendAsync(HttpMethod.Get, "api-deployer/services/ghost");

        Assert.Equal("pub", created["id"]!.GetValue<string>());
        Assert.Equal("""{"id":"pub","name":"Published"}""", status["serviceBasicInfo"]!.ToJsonString());
        Assert.Equal("analysts", (await dss.GetJsonAsync("api-deployer/services/pub/settings"))["permissions"]![0]!["group"]!.GetValue<string>());
        Assert.Empty(status["packages"]!.AsArray());
        await TestDss.AssertErrorAsync(duplicate, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "already exists");
        await TestDss.AssertErrorAsync(missing, HttpStatusCode.NotFound, ErrorTypes.NotFound, "ghost");
    }

    [Fact]
    public async Task DownloadedPackageUploadsAsAVersionOfAnotherServiceAndDownloadsBack()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateServiceAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        await dss.CreatePackageAsync("svc", "v7");
        using var archive = await dss.SendAsync(HttpMethod.Get, $"projects/{dss.Project}/apiservices/svc/packages/v7/archive");
        var bytes = await archive.Content.ReadAsByteArrayAsync();
        await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"copy"}""");

        using var upload = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "svc_v7.zip" } };
        using var uploaded = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/copy/versions", upload);
        using var download = await dss.SendAsync(HttpMethod.Get, "api-deployer/services/copy/versions/v7");
        var status = await dss.GetJsonAsync("api-deployer/services/copy");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("copy_v7.zip", download.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("""[{"id":"churn","type":"STD_PREDICTION"}]""", status["packages"]![0]!["endpoints"]!.ToJsonString());
        await dss.SendOkAsync(HttpMethod.Delete, "api-deployer/services/copy/versions/v7");
        Assert.Empty((await dss.GetJsonAsync("api-deployer/services/copy"))["packages"]!.AsArray());
    }

    [Fact]
    public async Task UploadWithoutFilePartOrWithANonPackageIs400()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"pub"}""");

        using var wrongPart = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "archive", "x.zip" } };
        using var noFile = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/pub/versions", wrongPart);
        using var notZip = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.zip" } };
        using var garbage = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/pub/versions", notZip);

        await TestDss.AssertErrorAsync(noFile, HttpStatusCode.BadRequest,
            ErrorTypes.MissingPart, "'file'");
        await TestDss.AssertErrorAsync(garbage, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "Invalid API package archive");
    }

    [Theory]
    [InlineData("""{"format":"something-else","packageId":"v1","createdOn":1}""", """{"endpoints":[]}""", "not an API package manifest")]
    [InlineData("""{"format":"dss-emulator-api-package","packageId":"v1","createdOn":1}""", """{"endpoints":[{"id":"e","type":"TELEPATHY"}]}""", "TELEPATHY")]
    [InlineData("""{"format":"dss-emulator-api-package","packageId":"v1","createdOn":1}""", "[]", "service.json is not a JSON object")]
    public async Task UploadedArchiveMustHoldAValidPackage(string manifest, string service, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"pub"}""");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("manifest.json", manifest), ("service.json", service) })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                await writer.WriteAsync(text);
            }
        }

        using var upload = new MultipartFormDataContent { { new ByteArrayContent(buffer.ToArray()), "file", "crafted.zip" } };
        using var response = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/pub/versions", upload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Empty((await dss.GetJsonAsync("api-deployer/services/pub"))["packages"]!.AsArray());
    }

    [Theory]
    [InlineData("ghost", "infra-svc", "v1", "Published service ghost does not exist")]
    [InlineData("svc", "ghost", "v1", "Infrastructure ghost does not exist")]
    [InlineData("svc", "infra-svc", "v9", "Version v9 does not exist")]
    public async Task DeploymentCannotReferenceWhatDoesNotExist(string service, string infra, string version, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PublishWithInfraAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var response = await dss.SendAsync(HttpMethod.Post, "api-deployer/deployments",
            new JsonObject { ["deploymentId"] = "d", ["publishedServiceId"] = service, ["infraId"] = infra, ["version"] = version }.ToJsonString());

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, problem);
        Assert.Empty((await dss.GetJsonAsync("api-deployer/deployments")).AsArray());
    }

    [Theory]
    [InlineData("""{"deploymentId":"d","publishedServiceId":"svc","infraId":"infra-svc","version":3}""", ErrorTypes.Malformed, "'version'")]
    [InlineData("""{"publishedServiceId":"svc","infraId":"infra-svc","version":"v1"}""", ErrorTypes.IllegalArgument, "'deploymentId' is required")]
    [InlineData("""["not", "an", "object"]""", ErrorTypes.Malformed, "Expected a JSON object")]
    public async Task MalformedDeploymentCreationIs400(string body, string errorType, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PublishWithInfraAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var response = await dss.SendAsync(HttpMethod.Post, "api-deployer/deployments", body);

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, errorType, problem);
        Assert.Empty((await dss.GetJsonAsync("api-deployer/deployments")).AsArray());
    }

    [Fact]
    public async Task ApiNodeWithoutUrlIs400()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateStaticInfraAsync("i1");

        using var response = await dss.SendAsync(HttpMethod.Put, "api-deployer/infras/i1/settings", """{"apiNodes":[{"adminAPIKey":"k"}]}""");

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "'url' is required in apiNodes[0]");
        Assert.Equal(dss.Url, (await dss.GetJsonAsync("api-deployer/infras/i1/settings"))["apiNodes"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatedDeploymentAnswersItsSettingsAndLightStatus()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.PublishWithInfraAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        var created = await dss.CreateDeploymentAsync("d1", "svc", "infra-svc", "v1");
        var light = await dss.GetJsonAsync("api-deployer/deployments/d1");
        var list = await dss.GetJsonAsync("api-deployer/deployments");
        using var duplicate = await dss.SendAsync(HttpMethod.Post, "api-deployer/deployments",
            """{"deploymentId":"d1","publishedServiceId":"svc","infraId":"infra-svc","version":"v1"}""");

        Assert.Equal("""{"id":"d1","publishedServiceId":"svc","infraId":"infra-svc","enabled":true,"generationsMapping":{"mode":"SINGLE_GENERATION","generation":"v1"},"tags":[]}""",
            created.ToJsonString());
        var info = light["deploymentBasicInfo"]!.AsObject();
        Assert.False(info.ContainsKey("deployedServiceId"));
        Assert.True(info["enabled"]!.GetValue<bool>());
        Assert.True(light["neverEverDeployed"]!.GetValue<bool>());
        Assert.Equal("infra-svc", light["infraBasicInfo"]!["id"]!.GetValue<string>());
        Assert.Equal("d1", list[0]!["deploymentBasicInfo"]!["id"]!.GetValue<string>());
        Assert.Equal("d1", (await dss.GetJsonAsync("api-deployer/infras/infra-svc"))["deployments"]![0]!["id"]!.GetValue<string>());
        await TestDss.AssertErrorAsync(duplicate, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "already exists");
    }

    [Theory]
    [InlineData("""{"mode":"MULTI_GENERATION","strategy":"RANDOM","entries":[{"generation":"v1","proba":0.5}]}""", "must sum to 1")]
    [InlineData("""{"mode":"MULTI_GENERATION","strategy":"ROUND_ROBIN","entries":[{"generation":"v1","proba":1}]}""", "ROUND_ROBIN")]
    [InlineData("""{"mode":"EVERYTHING"}""", "EVERYTHING")]
    [InlineData("""{"mode":"SINGLE_GENERATION","generation":"v404"}""", "Version v404 does not exist")]
    public async Task InvalidGenerationsMappingIs400AndChangesNothing(string mapping, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        var settings = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/settings")).AsObject();
        var before = settings.ToJsonString();
        settings["generationsMapping"] = JsonNode.Parse(mapping);

        using var response = await dss.SendAsync(HttpMethod.Put, "api-deployer/deployments/dep-svc/settings", settings.ToJsonString());

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, problem);
        Assert.Equal(before, (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/settings")).ToJsonString());
    }

    [Fact]
    public async Task GovernanceStatusIsAnEmptyInfoMessages()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        var governance = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/governance-status?version=");

        Assert.Equal("""{"messages":[],"anyMessage":false,"success":false,"warning":false,"error":false,"fatal":false}""", governance.ToJsonString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesEachEndpointFromWhatThePackageKnows()
    {
        await using var dss = await TestDss.StartAsync();
        var lookup = TestDss.Endpoint("customers", "DATASETS_LOOKUP");
        lookup["lookups"] = JsonNode.Parse("""
            [{"datasetRef":"customers","on":[{"resourceLookupCol":"customer_id","inputLookupKey":"id"}],"columnsMapping":{"name":"customer_name","tenure_months":"tenure"}}]
            """);
        var sql = TestDss.Endpoint("orders", "SQL_QUERY");
        sql["queries"] = JsonNode.Parse("""[{"query":"select 1","inputParameters":["country","since"]}]""");
        await dss.DeployAsync("svc", [
            TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier"),
            TestDss.Endpoint("sales", "STD_FORECAST", "daily_sales_forecaster"),
            lookup,
            sql,
        ]);

        using var response = await dss.SendAsync(HttpMethod.Get, "api-deployer/deployments/dep-svc/get-open-api");
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!;

        Assert.Equal("3.0.3", document["openapi"]!.GetValue<string>());
        Assert.Equal(
            ["/churn/predict", "/churn/predict-multi", "/sales/forecast", "/customers/lookup", "/customers/lookup-multi", "/orders/query"],
            document["paths"]!.AsObject().Select(path => path.Key));
        Assert.Equal("""{"type":"string","enum":["month-to-month"]}""", schemas["churn_PredictRequest"]!["properties"]!["features"]!["properties"]!["contract"]!.ToJsonString());
        Assert.Equal("""{"type":"number"}""", schemas["churn_PredictRequest"]!["properties"]!["features"]!["properties"]!["support_calls"]!.ToJsonString());
        Assert.Equal("""{"type":"string","enum":["stay","churn"]}""", schemas["churn_PredictResponse"]!["properties"]!["result"]!["properties"]!["prediction"]!.ToJsonString());
        Assert.Equal(["date", "sales", "store"], schemas["sales_ForecastRequest"]!["properties"]!["items"]!["items"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "customer_name", "tenure"],
            schemas["customers_LookupResponse"]!["properties"]!["results"]!["items"]!["properties"]!["data"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("""["country","since"]""", schemas["orders_QueryRequest"]!["required"]!.ToJsonString());
    }

    [Fact]
    public async Task OpenApiDocumentStoredWithTheServiceIsServedAsText()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")],
            settings => settings["openAPI"] = new JsonObject { ["openapi"] = "3.0.0", ["info"] = new JsonObject { ["title"] = "Churn" } });

        using var response = await dss.SendAsync(HttpMethod.Get, "api-deployer/deployments/dep-svc/get-open-api");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Churn", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["info"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task UploadThatIsNotMultipartIs400()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"pub"}""");

        var raw = new ByteArrayContent([80, 75]);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/pub/versions", raw);

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest,
            ErrorTypes.MissingPart, "'file'");
    }
}
