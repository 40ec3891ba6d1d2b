using System.Text.Json.Nodes;
using DssApi.Generator.Tests.Live;
using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>
/// For each method of the DSS Python client, the generated method sends the same verb, path,
/// query and body (protocol §2–§4), checked on a loopback server that records what arrives.
/// Expectations are written relative to the client's base: <c>/dip/publicapi</c> for DSS,
/// <c>/public/api/v1/SVC</c> for the API node.
/// </summary>
public sealed class WireParityTests : IAsyncLifetime
{
    private const string DssBase = "/dip/publicapi";
    private const string NodeBase = "/public/api/v1/SVC";

    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Sends_what_the_python_client_sends(string name)
    {
        var wire = Cases[name];
        foreach (var (method, suffix, body) in wire.Replies)
        {
            _server.Reply(method, suffix, body);
        }

        using var client = _server.CreateClient();
        using var node = _server.CreateNodeClient("SVC");
        var folder = Directory.CreateTempSubdirectory("dssapi-wire-");
        try
        {
            await wire.Act(client, node, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var requests = _server.Requests;
        Assert.Equal(wire.Lines, requests.Select(r => r.Line).ToArray());
        var last = requests[^1];
        if (wire.Body is null)
        {
            Assert.Equal(string.Empty, last.Body);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(wire.Body), JsonNode.Parse(last.Body)), $"expected {wire.Body}{Environment.NewLine}sent     {last.Body}");
        }
    }

    [Fact]
    public async Task Import_version_uploads_the_archive_as_the_multipart_part_named_file()
    {
        using var client = _server.CreateClient();
        using var archive = new MemoryStream("zip-bytes"u8.ToArray());

        await client.GetApiDeployer().GetService("PS").ImportVersionAsync(archive, "v3.zip");

        var request = Assert.Single(_server.Requests);
        Assert.Equal($"POST {DssBase}/api-deployer/services/PS/versions", request.Line);
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=file", request.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("filename=v3.zip", request.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("zip-bytes", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_without_their_required_member_are_rejected_before_anything_is_sent()
    {
        using var node = _server.CreateNodeClient("SVC");

        await Assert.ThrowsAsync<ArgumentException>(() => node.PredictRecordsAsync("ep", [new JsonObject { ["x"] = 1 }]));
        await Assert.ThrowsAsync<ArgumentException>(() => node.PredictEffectsAsync("ep", [new JsonObject { ["features"] = new JsonObject() }, null]));
        await Assert.ThrowsAsync<ArgumentException>(() => node.LookupRecordsAsync("ep", [new JsonObject { ["features"] = new JsonObject() }]));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Start_update_returns_a_future_of_the_job_the_server_started()
    {
        _server.Reply("POST", "/actions/update", """{"jobId":"job-7","alive":true,"hasResult":false}""");
        using var client = _server.CreateClient();

        var future = await client.GetApiDeployer().GetDeployment("D").StartUpdateAsync();

        Assert.Equal("job-7", future.Id);
        Assert.False(future.HasCompleted);
    }

    [Fact]
    public async Task Deleting_an_enabled_deployment_fails_with_the_python_message_and_sends_no_delete()
    {
        _server.Reply("GET", "/deployments/D", """{"deploymentBasicInfo":{"id":"D","enabled":true}}""");
        using var client = _server.CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetApiDeployer().GetDeployment("D").DeleteAsync());

        Assert.Equal("Deployment D deletion failed: deployment must be disabled first.", error.Message);
        Assert.Equal([$"GET {DssBase}/api-deployer/deployments/D"], _server.Requests.Select(r => r.Line));
    }

    [Fact]
    public async Task Disabling_before_deleting_saves_the_settings_with_enabled_false_and_every_other_field_kept()
    {
        _server.Reply("GET", "/deployments/D", """{"deploymentBasicInfo":{"id":"D","enabled":true}}""");
        _server.Reply("GET", "/settings", """{"id":"D","enabled":true,"tags":["kept"],"unknownField":{"a":1}}""");
        using var client = _server.CreateClient();

        await client.GetApiDeployer().GetDeployment("D").DeleteAsync(disableFirst: true);

        var save = Assert.Single(_server.Requests, r => r.Line.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"D","enabled":false,"tags":["kept"],"unknownField":{"a":1}}"""), JsonNode.Parse(save.Body)), save.Body);
    }

    [Fact]
    public async Task Settings_of_another_infrastructure_type_than_expected_are_a_clear_error()
    {
        _server.Reply("GET", "/settings", """{"id":"I","type":"K8S"}""");
        using var client = _server.CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetApiDeployer().GetInfra("I").GetSettingsAsync<StaticInfraSettings>());

        Assert.Equal("The infra settings of I are KubernetesInfraSettings (type K8S), not StaticInfraSettings.", error.Message);
    }

    [Fact]
    public async Task Listed_api_services_lead_to_their_handles_as_to_api_service_does()
    {
        _server.Reply("GET", "/apiservices/", """[{"id":"S1","projectKey":"P","name":"one","endpoints":[]}]""");
        using var client = _server.CreateClient();

        var service = Assert.Single(await client.GetProject("P").ListApiServicesAsync()).ToApiService();
        await service.GetSettingsAsync();

        Assert.Equal(("P", "S1"), (service.ProjectKey, service.ServiceId));
        Assert.Equal($"GET {DssBase}/projects/P/apiservices/S1/settings", _server.Requests[^1].Line);
    }

    [Fact]
    public async Task Deployer_lists_lead_to_their_handles()
    {
        _server.Reply("GET", "/api-deployer/deployments", """[{"deploymentBasicInfo":{"id":"D1","publishedServiceId":"PS"}}]""");
        _server.Reply("GET", "/api-deployer/infras", """[{"infraBasicInfo":{"id":"I1"},"deployments":[{"id":"D1"},{"id":"D2"}]}]""");
        _server.Reply("GET", "/api-deployer/services", """[{"serviceBasicInfo":{"id":"PS"},"deployments":[{"id":"D1","infraId":"I1"},{"id":"D2","infraId":"I2"}]}]""");
        using var client = _server.CreateClient();
        var deployer = client.GetApiDeployer();

        var deployment = Assert.Single(await deployer.ListDeploymentsAsync()).ToDeployment();
        var infra = Assert.Single(await deployer.ListInfrasAsync());
        var service = Assert.Single(await deployer.ListServicesAsync());

        Assert.Equal("D1", deployment.DeploymentId);
        Assert.Equal("I1", infra.ToInfra().InfraId);
        Assert.Equal(["D1", "D2"], infra.GetDeployments().Select(d => d.DeploymentId));
        Assert.Equal("D2", infra.Deployments[1].ToDeployment().DeploymentId);
        Assert.Equal("PS", service.ToService().ServiceId);
        Assert.Equal(["D1", "D2"], service.GetDeployments().Select(d => d.DeploymentId));
        Assert.Equal(["D2"], service.GetDeployments(infraId: "I2").Select(d => d.DeploymentId));
    }

    [Fact]
    public async Task Status_reads_give_their_deployments_as_handles()
    {
        _server.Reply("GET", "/services/PS", """{"serviceBasicInfo":{"id":"PS"},"deployments":[{"id":"D1","infraId":"I1"},{"id":"D2","infraId":"I2"}]}""");
        using var client = _server.CreateClient();

        var status = await client.GetApiDeployer().GetService("PS").GetStatusAsync();

        Assert.Equal(["D1"], status.GetDeployments("I1").Select(d => d.DeploymentId));
    }

    [Fact]
    public async Task Listed_futures_lead_to_their_futures()
    {
        _server.Reply("GET", "/futures/", """[{"jobId":"job-3","alive":true}]""");
        using var client = _server.CreateClient();

        var future = Assert.Single(await client.ListFuturesAsync()).ToFuture();

        Assert.Equal("job-3", future.Id);
    }

    [Fact]
    public async Task A_listed_update_reads_its_full_update_through_its_deployment()
    {
        _server.Reply("GET", "/D/update", """[{"startTimestamp":1700000000000,"type":"UPDATE","status":"SUCCESS"}]""");
        _server.Reply("GET", "/update/1700000000000", """{"startTimestamp":1700000000000,"logs":{"lines":["ok"]}}""");
        using var client = _server.CreateClient();

        var listed = Assert.Single(await client.GetApiDeployer().GetDeployment("D").ListUpdatesAsync());
        var full = await listed.GetFullUpdateAsync();

        Assert.Equal($"GET {DssBase}/api-deployer/deployments/D/update/1700000000000", _server.Requests[^1].Line);
        Assert.Equal(["ok"], full.Logs());
    }

    [Fact]
    public void Json_not_read_through_a_client_has_no_handles_and_says_so()
    {
        var item = ApiServiceListItem.FromJson(new JsonObject { ["id"] = "S", ["projectKey"] = "P" });

        var error = Assert.Throws<InvalidOperationException>(() => item.ToApiService());

        Assert.Contains("not read from DSS through a client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_keeps_its_text_and_gives_the_document()
    {
        const string Text = "{ \"openapi\": \"3.0.1\",\n  \"paths\": {} }";
        _server.Reply("GET", "/get-open-api", Text);
        using var client = _server.CreateClient();

        var document = await client.GetApiDeployer().GetDeployment("D").GetOpenApiAsync();

        Assert.Equal(Text, document.GetRaw());
        Assert.Equal("3.0.1", document.Get()["openapi"]?.GetValue<string>());
        Assert.NotSame(document.Get(), document.Get());
    }

    [Fact]
    public async Task An_openapi_text_that_is_not_json_is_a_protocol_error()
    {
        _server.Reply("GET", "/get-open-api", "openapi: 3.0.1");
        using var client = _server.CreateClient();

        var document = await client.GetApiDeployer().GetDeployment("D").GetOpenApiAsync();

        Assert.Equal("openapi: 3.0.1", document.GetRaw());
        Assert.Contains("not valid JSON", Assert.Throws<DssProtocolException>(() => document.Get()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_gives_its_log_as_lines()
    {
        _server.Reply("GET", "/last-update", """{"status":"SUCCESS","logs":{"totalLines":2,"lines":["Preparing","Done"],"maxLevel":"INFO"}}""");
        using var client = _server.CreateClient();

        var update = await client.GetApiDeployer().GetDeployment("D").GetLastUpdateAsync();

        Assert.Equal(["Preparing", "Done"], update.Logs());
        Assert.Equal(2, update.LogTail?.TotalLines);
    }

    [Fact]
    public async Task An_update_without_a_log_has_no_lines()
    {
        _server.Reply("GET", "/last-update", """{"status":"RUNNING"}""");
        using var client = _server.CreateClient();

        var update = await client.GetApiDeployer().GetDeployment("D").GetLastUpdateAsync();

        Assert.Empty(update.Logs());
    }

    [Fact]
    public async Task Lookup_record_returns_the_first_result_as_the_python_client_does()
    {
        _server.Reply("POST", "/ep/lookup", """{"results":[{"data":{"city":"Paris"},"ignored":false}]}""");
        using var node = _server.CreateNodeClient("SVC");

        var result = await node.LookupRecordAsync("ep", new JsonObject { ["id"] = 1 });

        Assert.Equal("Paris", result.Data?["city"]?.GetValue<string>());
        Assert.False(result.Ignored);
    }

    private sealed record WireCase(Func<DssClient, DssApiNodeClient, string, Task> Act, string[] Lines, string? Body, params (string Method, string Suffix, string Body)[] Replies);

    private static WireCase Dss(Func<DssClient, Task> act, string line, string? body = null, params (string, string, string)[] replies) =>
        new((client, _, _) => act(client), [Prefix(line, DssBase)], body, replies);

    private static WireCase Node(Func<DssApiNodeClient, Task> act, string line, string? body = null) =>
        new((_, node, _) => act(node), [Prefix(line, NodeBase)], body);

    private static string Prefix(string line, string root)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return line[..space] + " " + root + line[(space + 1)..];
    }

    private static readonly (string, string, string) EmptyList = ("GET", "", "[]");

    private static DssApiService Service(DssClient client) => client.GetProject("P").GetApiService("S");

    private static DssApiDeployer Deployer(DssClient client) => client.GetApiDeployer();

    private static readonly Dictionary<string, WireCase> Cases = new()
    {
        // DSSClient (§2.1)
        ["list_futures"] = Dss(c => c.ListFuturesAsync(), "GET /futures/?withScenarios=false&withNotScenarios=true&allUsers=false", null, EmptyList),
        ["list_running_scenarios"] = Dss(c => c.ListRunningScenariosAsync(allUsers: true), "GET /futures/?withScenarios=true&withNotScenarios=false&allUsers=true", null, EmptyList),

        // DSSProject (§2.2)
        ["list_api_services"] = Dss(c => c.GetProject("P").ListApiServicesAsync(), "GET /projects/P/apiservices/", null, EmptyList),
        ["create_api_service"] = Dss(c => c.GetProject("P").CreateApiServiceAsync("S"), "POST /projects/P/apiservices/S"),

        // DSSAPIService (§2.4)
        ["get_settings"] = Dss(c => Service(c).GetSettingsAsync(), "GET /projects/P/apiservices/S/settings"),
        ["get_package_summary"] = Dss(c => Service(c).GetPackageSummaryAsync("v1"), "GET /projects/P/apiservices/S/packages/v1/summary"),
        ["list_packages"] = Dss(c => Service(c).ListPackagesAsync(), "GET /projects/P/apiservices/S/packages", null, EmptyList),
        ["create_package"] = Dss(c => Service(c).CreatePackageAsync("v1"), "POST /projects/P/apiservices/S/packages/v1"),
        ["create_package with release notes"] = Dss(c => Service(c).CreatePackageAsync("v1", "first & best"), "POST /projects/P/apiservices/S/packages/v1?releaseNotes=first & best"),
        ["delete_package"] = Dss(c => Service(c).DeletePackageAsync("v1"), "DELETE /projects/P/apiservices/S/packages/v1"),
        ["download_package_stream"] = Dss(
            async c => await (await Service(c).DownloadPackageStreamAsync("v1")).DisposeAsync(),
            "GET /projects/P/apiservices/S/packages/v1/archive"),
        ["download_package_to_file"] = new(
            (c, _, folder) => Service(c).DownloadPackageToFileAsync("v1", Path.Combine(folder, "v1.zip")),
            ["GET " + DssBase + "/projects/P/apiservices/S/packages/v1/archive"],
            null),
        ["publish_package"] = Dss(c => Service(c).PublishPackageAsync("v1"), "POST /projects/P/apiservices/S/packages/v1/publish"),
        ["publish_package to a named service"] = Dss(c => Service(c).PublishPackageAsync("v1", "PS"), "POST /projects/P/apiservices/S/packages/v1/publish?publishedServiceId=PS"),

        // DSSAPIServiceSettings.save (§2.5)
        ["api service settings save"] = new(
            async (c, _, _) =>
            {
                var settings = await Service(c).GetSettingsAsync();
                settings.AddPredictionEndpoint("ep", "SM1");
                await settings.SaveAsync();
            },
            ["GET " + DssBase + "/projects/P/apiservices/S/settings", "PUT " + DssBase + "/projects/P/apiservices/S/settings"],
            """{"id":"S","endpoints":[{"id":"ep","type":"STD_PREDICTION","modelRef":"SM1"}]}""",
            ("GET", "/settings", """{"id":"S","endpoints":[]}""")),

        // DSSAPIDeployer (§2.6)
        ["list_deployments"] = Dss(c => Deployer(c).ListDeploymentsAsync(), "GET /api-deployer/deployments", null, EmptyList),
        ["create_deployment"] = Dss(
            c => Deployer(c).CreateDeploymentAsync("D", "PS", "I", "v1"),
            "POST /api-deployer/deployments?ignoreWarnings=false",
            """{"deploymentId":"D","publishedServiceId":"PS","infraId":"I","version":"v1","endpointId":null,"authorizationsToQueryThroughDeployer":null}"""),
        ["create_deployment with everything"] = Dss(
            c => Deployer(c).CreateDeploymentAsync("D", "PS", "I", "v1", endpointId: "ep", ignoreWarnings: true, authorizationsToQueryThroughDeployer: [new QueryAuthorization { Group = "g", QueryThroughDeployer = true }]),
            "POST /api-deployer/deployments?ignoreWarnings=true",
            """{"deploymentId":"D","publishedServiceId":"PS","infraId":"I","version":"v1","endpointId":"ep","authorizationsToQueryThroughDeployer":[{"group":"g","queryThroughDeployer":true}]}"""),
        ["list_stages"] = Dss(c => Deployer(c).ListStagesAsync(), "GET /api-deployer/stages", null, EmptyList),
        ["list_infras"] = Dss(c => Deployer(c).ListInfrasAsync(), "GET /api-deployer/infras", null, EmptyList),
        ["create_infra"] = Dss(
            c => Deployer(c).CreateInfraAsync("I", "prod", InfraType.Static),
            "POST /api-deployer/infras",
            """{"id":"I","stage":"prod","type":"STATIC","governCheckPolicy":"NO_CHECK"}"""),
        ["create_infra with a policy"] = Dss(
            c => Deployer(c).CreateInfraAsync("I", "prod", InfraType.Kubernetes, GovernCheckPolicy.Prevent),
            "POST /api-deployer/infras",
            """{"id":"I","stage":"prod","type":"K8S","governCheckPolicy":"PREVENT"}"""),
        ["list_services"] = Dss(c => Deployer(c).ListServicesAsync(), "GET /api-deployer/services", null, EmptyList),
        ["create_service"] = Dss(c => Deployer(c).CreateServiceAsync("PS"), "POST /api-deployer/services", """{"publishedServiceId":"PS"}"""),

        // DSSAPIDeployerInfra (§2.7, §2.8)
        ["infra get_status"] = Dss(c => Deployer(c).GetInfra("I").GetStatusAsync(), "GET /api-deployer/infras/I"),
        ["infra get_settings"] = Dss(c => Deployer(c).GetInfra("I").GetSettingsAsync(), "GET /api-deployer/infras/I/settings"),
        ["infra delete"] = Dss(c => Deployer(c).GetInfra("I").DeleteAsync(), "DELETE /api-deployer/infras/I"),
        ["infra settings add_apinode and save"] = new(
            async (c, _, _) =>
            {
                var settings = await Deployer(c).GetInfra("I").GetSettingsAsync<StaticInfraSettings>();
                settings.AddApiNode("http://node:12000", "k1");
                await settings.SaveAsync();
            },
            ["GET " + DssBase + "/api-deployer/infras/I/settings", "PUT " + DssBase + "/api-deployer/infras/I/settings"],
            """{"id":"I","type":"STATIC","apiNodes":[{"url":"http://node:12000","adminAPIKey":"k1","graphitePrefix":null}]}""",
            ("GET", "/settings", """{"id":"I","type":"STATIC","apiNodes":[]}""")),

        // DSSAPIDeployerDeployment (§2.10, §2.11)
        ["deployment get_status"] = new(
            (c, _, _) => Deployer(c).GetDeployment("D").GetStatusAsync(),
            ["GET " + DssBase + "/api-deployer/deployments/D", "GET " + DssBase + "/api-deployer/deployments/D/status"],
            null),
        ["deployment get_governance_status"] = Dss(c => Deployer(c).GetDeployment("D").GetGovernanceStatusAsync(), "GET /api-deployer/deployments/D/governance-status?version="),
        ["deployment get_governance_status of a version"] = Dss(c => Deployer(c).GetDeployment("D").GetGovernanceStatusAsync("v2"), "GET /api-deployer/deployments/D/governance-status?version=v2"),
        ["deployment get_settings"] = Dss(c => Deployer(c).GetDeployment("D").GetSettingsAsync(), "GET /api-deployer/deployments/D/settings"),
        ["deployment settings save"] = new(
            async (c, _, _) =>
            {
                var settings = await Deployer(c).GetDeployment("D").GetSettingsAsync();
                settings.SetEnabled(false);
                settings.SetSingleVersion("v2");
                await settings.SaveAsync();
            },
            ["GET " + DssBase + "/api-deployer/deployments/D/settings", "PUT " + DssBase + "/api-deployer/deployments/D/settings?ignoreWarnings=false"],
            """{"id":"D","enabled":false,"generationsMapping":{"mode":"SINGLE_GENERATION","generation":"v2"}}""",
            ("GET", "/settings", """{"id":"D","enabled":true,"generationsMapping":{"mode":"MULTI_GENERATION","strategy":"RANDOM","entries":[]}}""")),
        ["deployment start_update"] = Dss(c => Deployer(c).GetDeployment("D").StartUpdateAsync(), "POST /api-deployer/deployments/D/actions/update", null, ("POST", "/actions/update", """{"jobId":"j","alive":true}""")),
        ["deployment delete"] = new(
            (c, _, _) => Deployer(c).GetDeployment("D").DeleteAsync(),
            ["GET " + DssBase + "/api-deployer/deployments/D", "DELETE " + DssBase + "/api-deployer/deployments/D?ignorePreDeleteErrors=false"],
            null,
            ("GET", "/deployments/D", """{"deploymentBasicInfo":{"id":"D","enabled":false}}""")),
        ["deployment delete disable_first"] = new(
            (c, _, _) => Deployer(c).GetDeployment("D").DeleteAsync(disableFirst: true, ignorePreDeleteErrors: true),
            [
                "GET " + DssBase + "/api-deployer/deployments/D",
                "GET " + DssBase + "/api-deployer/deployments/D/settings",
                "PUT " + DssBase + "/api-deployer/deployments/D/settings?ignoreWarnings=false",
                "DELETE " + DssBase + "/api-deployer/deployments/D?ignorePreDeleteErrors=true",
            ],
            null,
            ("GET", "/deployments/D", """{"deploymentBasicInfo":{"id":"D","enabled":true}}"""),
            ("GET", "/settings", """{"id":"D","enabled":true,"tags":["kept"]}""")),
        ["deployment get_open_api"] = Dss(c => Deployer(c).GetDeployment("D").GetOpenApiAsync(), "GET /api-deployer/deployments/D/get-open-api"),
        ["deployment run_test_queries"] = Dss(
            c => Deployer(c).GetDeployment("D").RunTestQueriesAsync("ep", [new TestQuery { Query = new EndpointQuery { Features = new JsonObject { ["x"] = 1 } } }]),
            """POST /api-deployer/deployments/D/actions/run-test-queries?endpointIdParam=ep&testQueriesParam=[{"q":{"features":{"x":1}}}]"""),
        ["deployment run_test_queries saved"] = Dss(c => Deployer(c).GetDeployment("D").RunTestQueriesAsync(), "POST /api-deployer/deployments/D/actions/run-test-queries"),
        ["deployment list_updates"] = Dss(c => Deployer(c).GetDeployment("D").ListUpdatesAsync(), "GET /api-deployer/deployments/D/update", null, EmptyList),
        ["deployment get_update last"] = Dss(c => Deployer(c).GetDeployment("D").GetLastUpdateAsync(), "GET /api-deployer/deployments/D/last-update"),
        ["deployment get_update"] = Dss(c => Deployer(c).GetDeployment("D").GetUpdateAsync(1700000000000), "GET /api-deployer/deployments/D/update/1700000000000"),
        ["deployment run_queries"] = Dss(
            c => Deployer(c).GetDeployment("D").RunQueriesAsync([new TestQuery { Query = new EndpointQuery { Features = new JsonObject { ["x"] = 1 } } }], endpointId: "ep"),
            """POST /api-deployer/deployments/D/actions/run-queries?queries=[{"q":{"features":{"x":1}}}]&adaptQueryForInfraType=true&endpointId=ep"""),

        // DSSAPIDeployerService (§2.15, §2.16)
        ["service get_status"] = Dss(c => Deployer(c).GetService("PS").GetStatusAsync(), "GET /api-deployer/services/PS"),
        ["service get_settings"] = Dss(c => Deployer(c).GetService("PS").GetSettingsAsync(), "GET /api-deployer/services/PS/settings"),
        ["service settings save"] = new(
            async (c, _, _) => await (await Deployer(c).GetService("PS").GetSettingsAsync()).SaveAsync(),
            ["GET " + DssBase + "/api-deployer/services/PS/settings", "PUT " + DssBase + "/api-deployer/services/PS/settings"],
            """{"id":"PS","permissions":[]}""",
            ("GET", "/settings", """{"id":"PS","permissions":[]}""")),
        ["service delete_version"] = Dss(c => Deployer(c).GetService("PS").DeleteVersionAsync("v1"), "DELETE /api-deployer/services/PS/versions/v1"),
        ["service get_version_stream"] = Dss(async c => await (await Deployer(c).GetService("PS").GetVersionStreamAsync("v1")).DisposeAsync(), "GET /api-deployer/services/PS/versions/v1"),
        ["service download_version_to_file"] = new(
            (c, _, folder) => Deployer(c).GetService("PS").DownloadVersionToFileAsync("v1", Path.Combine(folder, "v1.zip")),
            ["GET " + DssBase + "/api-deployer/services/PS/versions/v1"],
            null),
        ["service delete"] = Dss(c => Deployer(c).GetService("PS").DeleteAsync(), "DELETE /api-deployer/services/PS"),

        // APINodeClient (§4)
        ["predict_record"] = Node(
            n => n.PredictRecordAsync("ep", new JsonObject { ["x"] = 1 }),
            "POST /ep/predict",
            """{"features":{"x":1},"explanations":{"enabled":null,"method":null,"nExplanations":null,"nMonteCarloSteps":null}}"""),
        ["predict_record with dispatch, context and explanations"] = Node(
            n => n.PredictRecordAsync("ep", new JsonObject { ["x"] = 1 }, forcedGeneration: "v2", context: new JsonObject { ["user"] = "u" }, withExplanations: true, explanationMethod: ExplanationMethod.Shapley, explanationCount: 3, explanationMonteCarloSteps: 100),
            "POST /ep/predict",
            """{"features":{"x":1},"explanations":{"enabled":true,"method":"SHAPLEY","nExplanations":3,"nMonteCarloSteps":100},"dispatch":{"forcedGeneration":"v2"},"context":{"user":"u"}}"""),
        ["predict_records"] = Node(
            n => n.PredictRecordsAsync("ep", [new JsonObject { ["features"] = new JsonObject { ["x"] = 1 } }], dispatchKey: "k"),
            "POST /ep/predict-multi",
            """{"items":[{"features":{"x":1}}],"explanations":{"enabled":null,"method":null,"nExplanations":null,"nMonteCarloSteps":null},"dispatch":{"dispatchKey":"k"}}"""),
        ["forecast"] = Node(
            n => n.ForecastAsync("ep", [new JsonObject { ["date"] = "2024-01-01", ["sales"] = 3 }]),
            "POST /ep/forecast",
            """{"items":[{"date":"2024-01-01","sales":3}]}"""),
        ["predict_effect"] = Node(n => n.PredictEffectAsync("ep", new JsonObject { ["x"] = 1 }), "POST /ep/predict-effect", """{"features":{"x":1}}"""),
        ["predict_effects"] = Node(
            n => n.PredictEffectsAsync("ep", [new JsonObject { ["features"] = new JsonObject { ["x"] = 1 } }], forcedGeneration: "v1"),
            "POST /ep/predict-effect-multi",
            """{"items":[{"features":{"x":1}}],"dispatch":{"forcedGeneration":"v1"}}"""),
        ["predict_record with a forced generation and a dispatch key"] = Node(
            n => n.PredictRecordAsync("ep", new JsonObject { ["x"] = 1 }, forcedGeneration: "v2", dispatchKey: "k"),
            "POST /ep/predict",
            """{"features":{"x":1},"explanations":{"enabled":null,"method":null,"nExplanations":null,"nMonteCarloSteps":null},"dispatch":{"forcedGeneration":"v2"}}"""),
        ["predict_records with a forced generation and a dispatch key"] = Node(
            n => n.PredictRecordsAsync("ep", [new JsonObject { ["features"] = new JsonObject { ["x"] = 1 } }], forcedGeneration: "v2", dispatchKey: "k"),
            "POST /ep/predict-multi",
            """{"items":[{"features":{"x":1}}],"explanations":{"enabled":null,"method":null,"nExplanations":null,"nMonteCarloSteps":null},"dispatch":{"forcedGeneration":"v2"}}"""),
        ["forecast with a forced generation and a dispatch key"] = Node(
            n => n.ForecastAsync("ep", [new JsonObject { ["date"] = "2024-01-01" }], forcedGeneration: "v2", dispatchKey: "k"),
            "POST /ep/forecast",
            """{"items":[{"date":"2024-01-01"}],"dispatch":{"forcedGeneration":"v2"}}"""),
        ["predict_effect with a forced generation and a dispatch key"] = Node(
            n => n.PredictEffectAsync("ep", new JsonObject { ["x"] = 1 }, forcedGeneration: "v2", dispatchKey: "k"),
            "POST /ep/predict-effect",
            """{"features":{"x":1},"dispatch":{"forcedGeneration":"v2"}}"""),
        ["predict_effects with a forced generation and a dispatch key"] = Node(
            n => n.PredictEffectsAsync("ep", [new JsonObject { ["features"] = new JsonObject { ["x"] = 1 } }], forcedGeneration: "v2", dispatchKey: "k"),
            "POST /ep/predict-effect-multi",
            """{"items":[{"features":{"x":1}}],"dispatch":{"forcedGeneration":"v2"}}"""),
        ["sql_query"] = Node(n => n.SqlQueryAsync("ep", new JsonObject { ["country"] = "FR" }), "POST /ep/query", """{"country":"FR"}"""),
        ["lookup_records"] = Node(
            n => n.LookupRecordsAsync("ep", [new JsonObject { ["data"] = new JsonObject { ["id"] = 1 } }]),
            "POST /ep/lookup-multi",
            """{"items":[{"data":{"id":1}}]}"""),
        ["run_function without arguments"] = Node(n => n.RunFunctionAsync("ep"), "POST /ep/run"),
        ["run_function"] = Node(n => n.RunFunctionAsync("ep", new JsonObject { ["a"] = 2 }), "POST /ep/run", """{"a":2}"""),
    };
}
