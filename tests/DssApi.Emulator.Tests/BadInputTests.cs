using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>Every write route refuses bad input with a 4xx and DSS's error JSON, and changes nothing.</summary>
public sealed class BadInputTests
{
    private const int BodyLimit = 64 * 1024;

    /// <summary>A deployed service, so every kind of object exists for the bad requests to aim at.</summary>
    private static async Task<TestDss> StartDeployedAsync()
    {
        var dss = await TestDss.StartAsync(new DssEmulatorOptions { MaxRequestBodySize = BodyLimit, UpdateStepDuration = TimeSpan.FromMilliseconds(5) });
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        return dss;
    }

    /// <summary>Every list and settings document the public API shows, as one text.</summary>
    private static async Task<string> SnapshotAsync(TestDss dss)
    {
        string[] reads =
        [
            $"projects/{dss.Project}/apiservices", $"projects/{dss.Project}/apiservices/svc/settings", $"projects/{dss.Project}/apiservices/svc/packages",
            $"projects/{dss.Project}/savedmodels", "api-deployer/infras", "api-deployer/infras/infra-svc/settings", "api-deployer/services",
            "api-deployer/services/svc/settings", "api-deployer/deployments", "api-deployer/deployments/dep-svc/settings",
            "api-deployer/deployments/dep-svc/update",
        ];
        var texts = new List<string>();
        foreach (var read in reads)
        {
            texts.Add(read + " " + (await dss.GetJsonAsync(read)).ToJsonString());
        }

        return string.Join('\n', texts);
    }

    /// <summary>The stored settings at <paramref name="path"/> with one edit, as a body to save.</summary>
    private static async Task<string> EditedAsync(TestDss dss, string path, Action<JsonObject> edit)
    {
        var settings = (await dss.GetJsonAsync(path)).AsObject();
        edit(settings);
        return settings.ToJsonString();
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("""{"a":""", depth)) + "1" + new string('}', depth);

    private static async Task<IReadOnlyList<(HttpMethod Method, string Path, string? Body)>> BadRequestsAsync(TestDss dss)
    {
        var service = $"projects/{dss.Project}/apiservices/svc";
        var serviceSettings = service + "/settings";
        const string infraSettings = "api-deployer/infras/infra-svc/settings";
        const string deploymentSettings = "api-deployer/deployments/dep-svc/settings";
        Func<Action<JsonObject>, Task<string>> apiService = edit => EditedAsync(dss, serviceSettings, edit);
        Func<Action<JsonObject>, Task<string>> infra = edit => EditedAsync(dss, infraSettings, edit);
        Func<Action<JsonObject>, Task<string>> deployment = edit => EditedAsync(dss, deploymentSettings, edit);
        JsonNode Endpoint(JsonObject settings) => settings["endpoints"]![0]!;
        const string validCreation = """{"deploymentId":"dep-2","publishedServiceId":"svc","infraId":"infra-svc","version":"v1"}""";

        return
        [
            // API Designer
            (HttpMethod.Post, $"projects/NO_SUCH_PROJECT/apiservices/new", null),
            (HttpMethod.Post, service, null),
            (HttpMethod.Put, serviceSettings, """{"endpoints": ["""),
            (HttpMethod.Put, serviceSettings, "[]"),
            (HttpMethod.Put, serviceSettings, "5"),
            (HttpMethod.Put, serviceSettings, ""),
            (HttpMethod.Put, serviceSettings, Nested(60)),
            (HttpMethod.Put, serviceSettings, await apiService(s => s["name"] = 5)),
            (HttpMethod.Put, serviceSettings, await apiService(s => s["authMethod"] = "TELEPATHY")),
            (HttpMethod.Put, serviceSettings, await apiService(s => s["authRealm"] = new JsonObject { ["queryKeys"] = new JsonArray(5) })),
            (HttpMethod.Put, serviceSettings, await apiService(s => s["endpoints"] = "churn")),
            (HttpMethod.Put, serviceSettings, await apiService(s => s["endpoints"] = new JsonArray(5))),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s).AsObject().Remove("id"))),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["type"] = "TELEPATHY")),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["outputExplanations"] = "yes")),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["modelRef"] = 5)),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["enrichMapping"] = JsonNode.Parse("""[{"datasetRef":5}]"""))),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["enrichMapping"] = JsonNode.Parse("""["customers"]"""))),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["enrichMapping"] = JsonNode.Parse(
                """[{"datasetRef":"customers","on":[{"resourceLookupCol":1,"inputLookupKey":"id"}]}]"""))),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["enrichMapping"] = JsonNode.Parse(
                """[{"datasetRef":"customers","columnsMapping":{"name":7}}]"""))),
            (HttpMethod.Put, serviceSettings, await apiService(s => Endpoint(s)["testQueries"] = new JsonArray(5))),
            (HttpMethod.Put, serviceSettings, await apiService(s => s["endpoints"]!.AsArray().Add(Endpoint(s).DeepClone()))),
            (HttpMethod.Put, $"projects/{dss.Project}/apiservices/ghost/settings", await apiService(_ => { })),
            (HttpMethod.Post, service + "/packages/v1", null),
            (HttpMethod.Post, $"projects/{dss.Project}/apiservices/ghost/packages/v2", null),
            (HttpMethod.Delete, service + "/packages/v9", null),
            (HttpMethod.Post, service + "/packages/v1/publish", null),
            (HttpMethod.Post, service + "/packages/v9/publish", null),
            (HttpMethod.Post, $"projects/{dss.Project}/savedmodels/churn_classifier/versions/v9/actions/setActive", null),
            (HttpMethod.Post, $"projects/{dss.Project}/savedmodels/ghost/versions/v1/actions/setActive", null),

            // Infrastructures
            (HttpMethod.Post, "api-deployer/infras", "{"),
            (HttpMethod.Post, "api-deployer/infras", """{"stage":"Test","type":"STATIC"}"""),
            (HttpMethod.Post, "api-deployer/infras", """{"id":5,"stage":"Test","type":"STATIC"}"""),
            (HttpMethod.Post, "api-deployer/infras", """{"id":"","stage":"Test","type":"STATIC"}"""),
            (HttpMethod.Post, "api-deployer/infras", """{"id":"i2","stage":"Test","type":"MAINFRAME"}"""),
            (HttpMethod.Post, "api-deployer/infras", """{"id":"i2","stage":"Moon","type":"STATIC"}"""),
            (HttpMethod.Post, "api-deployer/infras", """{"id":"i2","stage":"Test","type":"STATIC","governCheckPolicy":"MAYBE"}"""),
            (HttpMethod.Post, "api-deployer/infras", """{"id":"infra-svc","stage":"Test","type":"STATIC"}"""),
            (HttpMethod.Put, infraSettings, await infra(s => s["apiNodes"] = "http://node")),
            (HttpMethod.Put, infraSettings, await infra(s => s["apiNodes"] = new JsonArray(5))),
            (HttpMethod.Put, infraSettings, await infra(s => s["apiNodes"] = JsonNode.Parse("""[{"url":5}]"""))),
            (HttpMethod.Put, infraSettings, await infra(s => s["type"] = "K8S")),
            (HttpMethod.Put, infraSettings, await infra(s => s["stage"] = "Moon")),
            (HttpMethod.Put, infraSettings, Nested(40)),
            (HttpMethod.Put, "api-deployer/infras/ghost/settings", await infra(_ => { })),
            (HttpMethod.Delete, "api-deployer/infras/infra-svc", null),
            (HttpMethod.Delete, "api-deployer/infras/ghost", null),

            // Published services
            (HttpMethod.Post, "api-deployer/services", "not json"),
            (HttpMethod.Post, "api-deployer/services", "{}"),
            (HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":5}"""),
            (HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":""}"""),
            (HttpMethod.Post, "api-deployer/services", """{"publishedServiceId":"svc"}"""),
            (HttpMethod.Put, "api-deployer/services/svc/settings", """{"name":5}"""),
            (HttpMethod.Put, "api-deployer/services/svc/settings", """{"permissions":"everyone"}"""),
            (HttpMethod.Put, "api-deployer/services/ghost/settings", """{"name":"x"}"""),
            (HttpMethod.Delete, "api-deployer/services/svc", null),
            (HttpMethod.Delete, "api-deployer/services/ghost", null),
            (HttpMethod.Delete, "api-deployer/services/svc/versions/v1", null),
            (HttpMethod.Delete, "api-deployer/services/svc/versions/v9", null),

            // Deployments
            (HttpMethod.Post, "api-deployer/deployments", "[1, 2"),
            (HttpMethod.Post, "api-deployer/deployments", """{"deploymentId":"dep-2","publishedServiceId":"svc","infraId":"infra-svc"}"""),
            (HttpMethod.Post, "api-deployer/deployments", """{"deploymentId":5,"publishedServiceId":"svc","infraId":"infra-svc","version":"v1"}"""),
            (HttpMethod.Post, "api-deployer/deployments", validCreation.Replace("\"svc\"", "\"ghost\"", StringComparison.Ordinal)),
            (HttpMethod.Post, "api-deployer/deployments", validCreation.Replace("infra-svc", "ghost", StringComparison.Ordinal)),
            (HttpMethod.Post, "api-deployer/deployments", validCreation.Replace("v1", "v9", StringComparison.Ordinal)),
            (HttpMethod.Post, "api-deployer/deployments", validCreation.Replace("dep-2", "dep-svc", StringComparison.Ordinal)),
            // The same service on the same infrastructure as dep-svc.
            (HttpMethod.Post, "api-deployer/deployments", validCreation),
            (HttpMethod.Post, "api-deployer/deployments?ignoreWarnings=perhaps", validCreation),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s.Remove("generationsMapping"))),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["generationsMapping"]!["mode"] = "ALL_AT_ONCE")),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["generationsMapping"] = JsonNode.Parse(
                """{"mode":"MULTI_GENERATION","strategy":"RANDOM","entries":[{"generation":"v1","proba":0.5}]}"""))),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["auth"] = JsonNode.Parse("""{"authMode":"API_KEYS","apiKeys":[5]}"""))),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["auth"] = JsonNode.Parse("""{"authMode":"API_KEYS","apiKeys":[{"key":5}]}"""))),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["enabled"] = "yes")),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["infraId"] = "elsewhere")),
            (HttpMethod.Put, deploymentSettings, await deployment(s => s["publishedServiceId"] = 5)),
            (HttpMethod.Put, "api-deployer/deployments/ghost/settings", await deployment(_ => { })),
            (HttpMethod.Delete, "api-deployer/deployments/dep-svc", null),
            (HttpMethod.Delete, "api-deployer/deployments/ghost", null),
            (HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update", """{"synchronous":"yes"}"""),
            (HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update", """{"updateMode":"SIDEWAYS"}"""),
            (HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update", "{{"),
            (HttpMethod.Post, "api-deployer/deployments/ghost/actions/update", null),
            (HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/run-queries?queries=%5B5", null),
            (HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/run-test-queries?testQueriesParam=%7B%7D", null),

            // Futures
            (HttpMethod.Delete, "futures/no-such-job", null),
        ];
    }

    [Fact]
    public async Task EveryWriteRouteRefusesBadInputWithA4xxAndDssErrorJsonAndChangesNothing()
    {
        await using var dss = await StartDeployedAsync();
        var before = await SnapshotAsync(dss);

        foreach (var (method, path, body) in await BadRequestsAsync(dss))
        {
            using var response = await dss.SendAsync(method, path, body);

            await AssertDssErrorAsync(response, $"{method} {path} {body}");
            Assert.True(before == await SnapshotAsync(dss), $"{method} {path} {body} changed the state");
        }
    }

    [Fact]
    public async Task EveryBodyOverTheSizeLimitIs413WithDssErrorJsonAndChangesNothing()
    {
        await using var dss = await StartDeployedAsync();
        var before = await SnapshotAsync(dss);
        var oversized = new JsonObject { ["padding"] = new string('x', BodyLimit) }.ToJsonString();
        // Routes that check their query string first answer 400 before reading any body.
        var routes = (await BadRequestsAsync(dss)).Where(request => request.Body is not null && !request.Path.Contains('?'))
            .Select(request => (request.Method, request.Path)).Distinct();

        foreach (var (method, path) in routes)
        {
            using var response = await dss.SendAsync(method, path, oversized);

            var error = await AssertDssErrorAsync(response, $"{method} {path}");
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{method} {path}: {(int)response.StatusCode} {error}");
            Assert.Contains("larger than the limit", error["message"]!.GetValue<string>());
        }

        Assert.Equal(before, await SnapshotAsync(dss));
    }

    [Fact]
    public async Task UploadsThatAreCutShortOrForgedAre400AndAddNoVersion()
    {
        await using var dss = await StartDeployedAsync();
        var before = await SnapshotAsync(dss);
        using var archive = await dss.SendAsync(HttpMethod.Get, "api-deployer/services/svc/versions/v1");
        var genuine = await archive.Content.ReadAsByteArrayAsync();

        using var truncated = new StringContent("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v2.zip\"\r\n\r\nPK\u0003\u0004");
        truncated.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        using var cutShort = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/svc/versions", truncated);
        await TestDss.AssertErrorAsync(cutShort, HttpStatusCode.BadRequest, ErrorTypes.Malformed, "Malformed multipart body");

        foreach (var (forgery, problem) in new (Action<JsonObject, JsonObject>, string)[]
        {
            ((manifest, _) => manifest["models"]!["churn_classifier"]!["parameters"]!["intercept"] = 99, "of a saved model of project"),
            ((manifest, _) => manifest["models"]!["churn_classifier"]!["versionId"] = 5, "'versionId'"),
            ((manifest, _) => manifest["createdOn"] = 1.5, "not an API package manifest"),
            ((_, service) => service["endpoints"]![0]!["outputExplanations"] = "yes", "'outputExplanations'"),
        })
        {
            using var upload = new MultipartFormDataContent { { new ByteArrayContent(Forge(genuine, forgery)), "file", "v2.zip" } };
            using var response = await dss.Http.PostAsync(TestDss.PublicApi + "api-deployer/services/svc/versions", upload);

            var error = await AssertDssErrorAsync(response, problem);
            Assert.Contains(problem, error["message"]!.GetValue<string>());
        }

        Assert.Equal(before, await SnapshotAsync(dss));
    }

    [Fact]
    public async Task AForecastPastTheEndOfTheCalendarIs400()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("sales", "STD_FORECAST", "daily_sales_forecaster")]);
        var items = new JsonArray(
            new JsonObject { ["date"] = "9999-12-30", ["sales"] = 1, ["store"] = "A" },
            new JsonObject { ["date"] = "9999-12-31", ["sales"] = 2, ["store"] = "A" });

        using var response = await dss.QueryAsync("svc", "sales", "forecast", new JsonObject { ["items"] = items });

        await TestDss.AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "past the end of the calendar");
    }

    /// <summary>The genuine v1 archive, renamed v2 and edited by <paramref name="forgery"/>.</summary>
    private static byte[] Forge(byte[] genuine, Action<JsonObject, JsonObject> forgery)
    {
        JsonObject Read(ZipArchive zip, string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
        }

        JsonObject manifest, service;
        using (var zip = new ZipArchive(new MemoryStream(genuine), ZipArchiveMode.Read))
        {
            manifest = Read(zip, "manifest.json");
            service = Read(zip, "service.json");
        }

        manifest["packageId"] = "v2";
        forgery(manifest, service);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("manifest.json", manifest), ("service.json", service) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content.ToJsonString()));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Asserts a 4xx with DSS's error JSON: a JSON body naming the Java exception class and the problem.</summary>
    private static async Task<JsonObject> AssertDssErrorAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode} {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{what}: {response.Content.Headers.ContentType} {text}");
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.False(string.IsNullOrEmpty(error["errorType"]?.GetValue<string>()), $"{what}: {text}");
        Assert.False(string.IsNullOrEmpty(error["message"]?.GetValue<string>()), $"{what}: {text}");
        return error;
    }
}
