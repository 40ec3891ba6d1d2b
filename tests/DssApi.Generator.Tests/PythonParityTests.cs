using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DssApi.Generator.Tests.Live;
using DssApi.Generator.Tests.Support;
using DssApi.TestSupport;

namespace DssApi.Generator.Tests;

/// <summary>
/// Every member of the DSS Python client, called the DssApi way, sends what the Python client
/// sends: <c>Fixtures/python-wire.json</c> holds one entry per Python member (the requests Python
/// sends, the .NET member, the canned answers, and the differences kept on purpose), and this
/// class holds one scripted call per entry. The member list of the protocol notes
/// (<c>dss-protocol.md</c> §2, §3.3, §4) is checked against the entries, so a member without an
/// entry fails.
/// </summary>
public sealed class PythonParityTests : IAsyncLifetime
{
    private static readonly JsonObject Data = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "python-wire.json")))!.AsObject();

    private RecordingServer _server = null!;

    public static TheoryData<string> Members => [.. Entries.Keys];

    private static Dictionary<string, JsonObject> Entries => Data["entries"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["member"]!);

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Sends_what_the_python_client_sends(string member)
    {
        var entry = Entries[member];
        foreach (var reply in entry["replies"]?.AsArray() ?? [])
        {
            _server.Reply((string)reply!["method"]!, (string)reply["suffix"]!, (string)reply["body"]!);
        }

        using var client = _server.CreateClient();
        using var node = _server.CreateNodeClient("SVC");
        var folder = Directory.CreateTempSubdirectory("dssapi-parity-");
        try
        {
            await Calls[member](client, node, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var expected = (entry["kept"] is null ? entry["requests"] : entry["dssapi"])!.AsArray();
        var sent = _server.Requests;
        Assert.True(expected.Count == sent.Count, $"expected {expected.Count} requests, sent: {string.Join(" | ", sent.Select(r => r.Line))}");
        foreach (var (want, got) in expected.Zip(sent))
        {
            AssertSame(want!.AsObject(), got);
        }
    }

    [Fact]
    public void Every_member_of_the_python_client_in_the_protocol_notes_has_an_entry()
    {
        var documented = ProtocolMembers();
        var entered = Entries.Keys.Where(key => !key.Contains('#', StringComparison.Ordinal)).ToHashSet();

        Assert.Empty(documented.Except(entered));
        Assert.Empty(entered.Except(documented));
        Assert.True(documented.Count > 100, $"only {documented.Count} members read from the protocol notes");
    }

    [Fact]
    public void Every_entry_has_a_scripted_call_and_every_kept_difference_is_listed()
    {
        var differences = Data["differences"]!.AsObject();

        Assert.Empty(Entries.Keys.Except(Calls.Keys));
        Assert.Empty(Calls.Keys.Except(Entries.Keys));
        Assert.All(Entries.Values.Where(e => e["kept"] is not null), e => Assert.True(differences.ContainsKey((string)e["kept"]!), (string)e["member"]!));
    }

    [Fact]
    public void The_python_mapping_page_names_every_member_and_its_dotnet_counterpart()
    {
        var page = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "python-mapping.md"));

        Assert.All(Entries.Values.Where(e => !((string)e["member"]!).Contains('#', StringComparison.Ordinal)), entry =>
        {
            var (type, member) = Split((string)entry["member"]!);
            Assert.Contains($"| `{type}` | `{member}` | `{(string)entry["dotnet"]!}` |", page, StringComparison.Ordinal);
        });
    }

    /// <summary>Method and path equal; query names equal and values equal, or equal after a listed difference; bodies equal as JSON.</summary>
    private static void AssertSame(JsonObject want, WireRequest got)
    {
        Assert.Equal((string)want["method"]!, got.Method);
        Assert.Equal((string)want["path"]!, got.Path);
        var query = want["query"]?.AsObject() ?? [];
        Assert.Equal(query.Select(p => p.Key).Order(), got.Query.Select(p => p.Key).Order());
        foreach (var (name, value) in got.Query)
        {
            var python = (string)query[name]!;
            Assert.True(python == value || SameBoolean(python, value) || SameJson(python, value), $"{got.Line}: {name}={value}, Python sends {python}");
        }

        if (want["multipartFile"] is { } part)
        {
            Assert.StartsWith("multipart/form-data", got.ContentType, StringComparison.Ordinal);
            Assert.Contains($"name={part}", got.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        else if (want["body"] is { } body)
        {
            Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(got.Body)), $"{got.Line}{Environment.NewLine}expected {body.ToJsonString()}{Environment.NewLine}sent     {got.Body}");
        }
        else
        {
            Assert.Equal(string.Empty, got.Body);
        }
    }

    /// <summary>The difference 'booleanCase'.</summary>
    private static bool SameBoolean(string python, string sent) =>
        python is "True" or "False" && string.Equals(python, sent, StringComparison.OrdinalIgnoreCase);

    /// <summary>The difference 'compactJsonInQuery'.</summary>
    private static bool SameJson(string python, string sent)
    {
        try
        {
            return python.StartsWith('[') || python.StartsWith('{') ? JsonNode.DeepEquals(JsonNode.Parse(python), JsonNode.Parse(sent)) : false;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static (string Type, string Member) Split(string key) => (key[..key.IndexOf('.', StringComparison.Ordinal)], key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]);

    /// <summary>
    /// The members the protocol notes list: the first column of the tables of §2.1–§2.16 (whose
    /// heading names the class; "A / B" headings name the class in each row), §3.3 (DSSFuture) and §4
    /// (APINodeClient). §2.18, the admin client, is out of scope (see the data file).
    /// </summary>
    private static HashSet<string> ProtocolMembers()
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        string[]? classes = null;
        foreach (var line in File.ReadAllLines(ProtocolNotes()))
        {
            var heading = Regex.Match(line, @"^#{2,3} (\d+(?:\.\d+)?)\.? (.*)$");
            if (heading.Success)
            {
                var section = heading.Groups[1].Value;
                classes = section switch
                {
                    "3.3" => ["DSSFuture"],
                    "4" => ["APINodeClient"],
                    _ when section.StartsWith("2.", StringComparison.Ordinal) && section is not ("2.17" or "2.18" or "2.19") =>
                        heading.Groups[2].Value.Split(' ', '(')[0] is var first && heading.Groups[2].Value.Contains(" / ", StringComparison.Ordinal)
                            ? heading.Groups[2].Value.Split(" / ").Select(part => part.Split(' ')[0]).ToArray()
                            : [first],
                    _ => null,
                };
                continue;
            }

            if (classes is null || !line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            var cell = line.Split('|')[1].Trim();
            var prefix = Regex.Match(cell, "^([A-Z][A-Za-z]*) `");
            var owner = prefix.Success ? classes.Single(c => c.EndsWith(prefix.Groups[1].Value, StringComparison.Ordinal)) : classes[0];
            foreach (Match name in Regex.Matches(cell, "`([a-z_]+)[^`]*`"))
            {
                members.Add($"{owner}.{name.Groups[1].Value}");
            }
        }

        return members;
    }

    /// <summary>The protocol notes, in the <c>shared</c> folder beside the project (or beside a folder holding it).</summary>
    private static string ProtocolNotes()
    {
        for (var folder = new DirectoryInfo(TestRepository.Root); folder is not null; folder = folder.Parent)
        {
            var notes = Path.Combine(folder.FullName, "shared", "dss-protocol.md");
            if (File.Exists(notes))
            {
                return notes;
            }
        }

        throw new FileNotFoundException($"shared/dss-protocol.md was not found beside {TestRepository.Root} or a folder holding it.");
    }

    private delegate Task Call(DssClient client, DssApiNodeClient node, string folder);

    private static DssApiService Service(DssClient c) => c.GetProject("P").GetApiService("S");

    private static DssApiDeployer Deployer(DssClient c) => c.GetApiDeployer();

    private static DssApiDeployerDeployment Deployment(DssClient c) => c.GetApiDeployer().GetDeployment("D");

    private static DssApiDeployerService Published(DssClient c) => c.GetApiDeployer().GetService("PS");

    private static Call Dss(Func<DssClient, Task> call) => (c, _, _) => call(c);

    private static Call Node(Func<DssApiNodeClient, Task> call) => (_, n, _) => call(n);

    /// <summary>A member that sends nothing: what it gives is checked, and nothing reaches the server.</summary>
    private static Call Local(Action<DssClient> check) => (c, _, _) =>
    {
        check(c);
        return Task.CompletedTask;
    };

    private static async Task<ApiServiceListItem> ListedService(DssClient c) => Assert.Single(await c.GetProject("P").ListApiServicesAsync());

    private static async Task<DeploymentUpdateListItem> ListedUpdate(DssClient c) => Assert.Single(await Deployment(c).ListUpdatesAsync());

    private static readonly JsonObject Features = new() { ["x"] = 1 };

    private static TestQuery Query() => new() { Query = new EndpointQuery { Features = Features.DeepClone() } };

    private static readonly Dictionary<string, Call> Calls = new()
    {
        ["DSSClient.get_project"] = Local(c => Assert.Equal("P", c.GetProject("P").ProjectKey)),
        ["DSSClient.get_apideployer"] = Local(c => Assert.NotNull(c.GetApiDeployer())),
        ["DSSClient.get_future"] = Local(c => Assert.Equal("J", c.GetFuture("J").Id)),
        ["DSSClient.list_futures"] = Dss(c => c.ListFuturesAsync()),
        ["DSSClient.list_running_scenarios"] = Dss(c => c.ListRunningScenariosAsync(allUsers: true)),

        ["DSSProject.list_api_services"] = Dss(c => c.GetProject("P").ListApiServicesAsync()),
        ["DSSProject.create_api_service"] = Dss(c => c.GetProject("P").CreateApiServiceAsync("S")),
        ["DSSProject.get_api_service"] = Local(c => Assert.Equal("S", Service(c).ServiceId)),

        ["DSSAPIServiceListItem.to_api_service"] = Dss(async c => Assert.Equal(("P", "S"), ((await ListedService(c)).ToApiService() is var s ? (s.ProjectKey, s.ServiceId) : default))),
        ["DSSAPIServiceListItem.name"] = Dss(async c => Assert.Equal("Scoring", (await ListedService(c)).Name)),
        ["DSSAPIServiceListItem.id"] = Dss(async c => Assert.Equal("S", (await ListedService(c)).Id)),
        ["DSSAPIServiceListItem.auth_method"] = Dss(async c => Assert.Equal(AuthMethod.ApiKeys, (await ListedService(c)).AuthMethod)),
        ["DSSAPIServiceListItem.endpoints"] = Dss(async c => Assert.Equal("ep", Assert.Single((await ListedService(c)).Endpoints).Id)),

        ["DSSAPIService.id"] = Local(c => Assert.Equal("S", Service(c).ServiceId)),
        ["DSSAPIService.get_settings"] = Dss(c => Service(c).GetSettingsAsync()),
        ["DSSAPIService.get_package_summary"] = Dss(c => Service(c).GetPackageSummaryAsync("v1")),
        ["DSSAPIService.list_packages"] = Dss(c => Service(c).ListPackagesAsync()),
        ["DSSAPIService.create_package"] = Dss(c => Service(c).CreatePackageAsync("v1")),
        ["DSSAPIService.create_package#with release notes"] = Dss(c => Service(c).CreatePackageAsync("v1", "first & best")),
        ["DSSAPIService.delete_package"] = Dss(c => Service(c).DeletePackageAsync("v1")),
        ["DSSAPIService.download_package_stream"] = Dss(async c => await (await Service(c).DownloadPackageStreamAsync("v1")).DisposeAsync()),
        ["DSSAPIService.download_package_to_file"] = (c, _, folder) => Service(c).DownloadPackageToFileAsync("v1", Path.Combine(folder, "v1.zip")),
        ["DSSAPIService.publish_package"] = Dss(c => Service(c).PublishPackageAsync("v1")),
        ["DSSAPIService.publish_package#to a named service"] = Dss(c => Service(c).PublishPackageAsync("v1", "PS")),

        ["DSSAPIServiceSettings.get_raw"] = Dss(async c => Assert.Equal("S", (string?)(await Service(c).GetSettingsAsync()).GetRaw()["id"])),
        ["DSSAPIServiceSettings.auth_method"] = Dss(async c => Assert.Equal(AuthMethod.ApiKeys, (await Service(c).GetSettingsAsync()).AuthMethod)),
        ["DSSAPIServiceSettings.endpoints"] = Dss(async c => Assert.Empty((await Service(c).GetSettingsAsync()).Endpoints)),
        ["DSSAPIServiceSettings.add_prediction_endpoint"] = Dss(c => EditServiceAsync(c, s => s.AddPredictionEndpoint("ep", "SM1"))),
        ["DSSAPIServiceSettings.add_clustering_endpoint"] = Dss(c => EditServiceAsync(c, s => s.AddClusteringEndpoint("ep", "SM1"))),
        ["DSSAPIServiceSettings.add_forecasting_endpoint"] = Dss(c => EditServiceAsync(c, s => s.AddForecastingEndpoint("ep", "SM1"))),
        ["DSSAPIServiceSettings.add_causal_prediction_endpoint"] = Dss(c => EditServiceAsync(c, s => s.AddCausalPredictionEndpoint("ep", "SM1", computePropensity: true))),
        ["DSSAPIServiceSettings.save"] = Dss(c => EditServiceAsync(c, _ => { })),

        ["DSSAPIDeployer.list_deployments"] = Dss(c => Deployer(c).ListDeploymentsAsync()),
        ["DSSAPIDeployer.get_deployment"] = Local(c => Assert.Equal("D", Deployment(c).DeploymentId)),
        ["DSSAPIDeployer.create_deployment"] = Dss(c => Deployer(c).CreateDeploymentAsync("D", "PS", "I", "v1")),
        ["DSSAPIDeployer.create_deployment#with everything"] = Dss(c => Deployer(c).CreateDeploymentAsync("D", "PS", "I", "v1", endpointId: "ep", ignoreWarnings: true,
            authorizationsToQueryThroughDeployer: [new QueryAuthorization { Group = "g", QueryThroughDeployer = true }])),
        ["DSSAPIDeployer.list_stages"] = Dss(c => Deployer(c).ListStagesAsync()),
        ["DSSAPIDeployer.list_infras"] = Dss(c => Deployer(c).ListInfrasAsync()),
        ["DSSAPIDeployer.create_infra"] = Dss(c => Deployer(c).CreateInfraAsync("I", "prod", InfraType.Static)),
        ["DSSAPIDeployer.create_infra#with a policy"] = Dss(c => Deployer(c).CreateInfraAsync("I", "prod", InfraType.Kubernetes, GovernCheckPolicy.Prevent)),
        ["DSSAPIDeployer.get_infra"] = Local(c => Assert.Equal("I", Deployer(c).GetInfra("I").InfraId)),
        ["DSSAPIDeployer.list_services"] = Dss(c => Deployer(c).ListServicesAsync()),
        ["DSSAPIDeployer.create_service"] = Dss(c => Deployer(c).CreateServiceAsync("PS")),
        ["DSSAPIDeployer.get_service"] = Local(c => Assert.Equal("PS", Published(c).ServiceId)),

        ["DSSAPIDeployerInfra.id"] = Local(c => Assert.Equal("I", Deployer(c).GetInfra("I").InfraId)),
        ["DSSAPIDeployerInfra.get_status"] = Dss(c => Deployer(c).GetInfra("I").GetStatusAsync()),
        ["DSSAPIDeployerInfra.get_settings"] = Dss(c => Deployer(c).GetInfra("I").GetSettingsAsync()),
        ["DSSAPIDeployerInfra.delete"] = Dss(c => Deployer(c).GetInfra("I").DeleteAsync()),

        ["DSSAPIDeployerInfraSettings.get_type"] = Dss(async c => Assert.Equal(InfraType.Static, (await Deployer(c).GetInfra("I").GetSettingsAsync()).Type)),
        ["DSSAPIDeployerInfraSettings.add_apinode"] = Dss(c => EditInfraAsync(c, s => s.AddApiNode("http://node:12000", "k1"))),
        ["DSSAPIDeployerInfraSettings.remove_apinode"] = Dss(c => EditInfraAsync(c, s => Assert.Equal(1, s.RemoveApiNode("http://old:1")))),
        ["DSSAPIDeployerInfraSettings.get_raw"] = Dss(async c => Assert.Equal("STATIC", (string?)(await Deployer(c).GetInfra("I").GetSettingsAsync()).GetRaw()["type"])),
        ["DSSAPIDeployerInfraSettings.save"] = Dss(c => EditInfraAsync(c, _ => { })),

        ["DSSAPIDeployerInfraStatus.get_deployments"] = Dss(async c => Assert.Equal(["D1", "D2"], (await Deployer(c).GetInfra("I").GetStatusAsync()).GetDeployments().Select(d => d.DeploymentId))),
        ["DSSAPIDeployerInfraStatus.get_raw"] = Dss(async c => Assert.NotNull((await Deployer(c).GetInfra("I").GetStatusAsync()).GetRaw()["deployments"])),

        ["DSSAPIDeployerDeployment.id"] = Local(c => Assert.Equal("D", Deployment(c).DeploymentId)),
        ["DSSAPIDeployerDeployment.get_status"] = Dss(c => Deployment(c).GetStatusAsync()),
        ["DSSAPIDeployerDeployment.get_governance_status"] = Dss(c => Deployment(c).GetGovernanceStatusAsync()),
        ["DSSAPIDeployerDeployment.get_governance_status#of a version"] = Dss(c => Deployment(c).GetGovernanceStatusAsync("v2")),
        ["DSSAPIDeployerDeployment.get_settings"] = Dss(c => Deployment(c).GetSettingsAsync()),
        ["DSSAPIDeployerDeployment.start_update"] = Dss(async c => Assert.Equal("J", (await Deployment(c).StartUpdateAsync()).Id)),
        ["DSSAPIDeployerDeployment.delete"] = Dss(c => Deployment(c).DeleteAsync()),
        ["DSSAPIDeployerDeployment.delete#disabling first"] = Dss(c => Deployment(c).DeleteAsync(disableFirst: true, ignorePreDeleteErrors: true)),
        ["DSSAPIDeployerDeployment.get_open_api"] = Dss(c => Deployment(c).GetOpenApiAsync()),
        ["DSSAPIDeployerDeployment.run_test_queries"] = Dss(c => Deployment(c).RunTestQueriesAsync("ep", [Query()])),
        ["DSSAPIDeployerDeployment.run_test_queries#saved queries"] = Dss(c => Deployment(c).RunTestQueriesAsync()),
        ["DSSAPIDeployerDeployment.list_updates"] = Dss(c => Deployment(c).ListUpdatesAsync()),
        ["DSSAPIDeployerDeployment.get_update"] = Dss(c => Deployment(c).GetLastUpdateAsync()),
        ["DSSAPIDeployerDeployment.get_update#of a timestamp"] = Dss(c => Deployment(c).GetUpdateAsync(1700000000000)),
        ["DSSAPIDeployerDeployment.run_queries"] = Dss(c => Deployment(c).RunQueriesAsync([Query()], endpointId: "ep")),

        ["DSSAPIDeployerDeploymentSettings.get_raw"] = Dss(async c => Assert.Equal(true, (bool?)(await Deployment(c).GetSettingsAsync()).GetRaw()["enabled"])),
        ["DSSAPIDeployerDeploymentSettings.set_enabled"] = Dss(c => EditDeploymentAsync(c, s => s.SetEnabled(false))),
        ["DSSAPIDeployerDeploymentSettings.set_single_version"] = Dss(c => EditDeploymentAsync(c, s => s.SetSingleVersion("v2"))),
        ["DSSAPIDeployerDeploymentSettings.save"] = Dss(async c => await (await Deployment(c).GetSettingsAsync()).SaveAsync(ignoreWarnings: true)),

        ["DSSAPIDeployerDeploymentStatus.get_light"] = Dss(async c => Assert.Equal("PS", (await Deployment(c).GetStatusAsync()).Light.DeploymentBasicInfo.PublishedServiceId)),
        ["DSSAPIDeployerDeploymentStatus.get_heavy"] = Dss(async c => Assert.NotNull((await Deployment(c).GetStatusAsync()).Heavy.ApiNodes)),
        ["DSSAPIDeployerDeploymentStatus.get_service_urls"] = Dss(async c => Assert.Equal(["http://node:1/public/api/v1/PS"], (await Deployment(c).GetStatusAsync()).GetServiceUrls())),
        ["DSSAPIDeployerDeploymentStatus.get_health"] = Dss(async c => Assert.Equal(DeploymentHealth.Healthy, (await Deployment(c).GetStatusAsync()).Heavy.Health)),
        ["DSSAPIDeployerDeploymentStatus.get_health_messages"] = Dss(async c => Assert.Empty((await Deployment(c).GetStatusAsync()).Heavy.HealthMessages!.Messages)),

        ["DSSAPIDeployerDeploymentOpenApi.get"] = Dss(async c => Assert.Equal("3.0.1", (string?)(await Deployment(c).GetOpenApiAsync()).Get()["openapi"])),
        ["DSSAPIDeployerDeploymentOpenApi.get_raw"] = Dss(async c => Assert.Equal("""{"openapi": "3.0.1", "paths": {}}""", (await Deployment(c).GetOpenApiAsync()).GetRaw())),

        ["DSSAPIDeployerDeploymentUpdateListItem.start_time"] = Dss(async c => Assert.Equal(1700000000000, (await ListedUpdate(c)).StartTimestamp)),
        ["DSSAPIDeployerDeploymentUpdateListItem.type"] = Dss(async c => Assert.Equal("UPDATE", (await ListedUpdate(c)).Type)),
        ["DSSAPIDeployerDeploymentUpdateListItem.status"] = Dss(async c => Assert.Equal("SUCCESS", (await ListedUpdate(c)).Status)),
        ["DSSAPIDeployerDeploymentUpdateListItem.get_raw"] = Dss(async c => Assert.NotNull((await ListedUpdate(c)).GetRaw()["type"])),
        ["DSSAPIDeployerDeploymentUpdateListItem.get_full_update"] = Dss(async c => await (await ListedUpdate(c)).GetFullUpdateAsync()),

        ["DSSAPIDeployerDeploymentUpdate.start_time"] = Dss(async c => Assert.Equal(1700000000000, (await Deployment(c).GetLastUpdateAsync()).StartTimestamp)),
        ["DSSAPIDeployerDeploymentUpdate.end_time"] = Dss(async c => Assert.Equal(1700000005000, (await Deployment(c).GetLastUpdateAsync()).EndTimestamp)),
        ["DSSAPIDeployerDeploymentUpdate.requester"] = Dss(async c => Assert.Equal("admin", (await Deployment(c).GetLastUpdateAsync()).Requester)),
        ["DSSAPIDeployerDeploymentUpdate.status"] = Dss(async c => Assert.Equal("SUCCESS", (await Deployment(c).GetLastUpdateAsync()).Status)),
        ["DSSAPIDeployerDeploymentUpdate.logs"] = Dss(async c => Assert.Equal(["done"], (await Deployment(c).GetLastUpdateAsync()).Logs())),

        ["DSSAPIDeployerService.id"] = Local(c => Assert.Equal("PS", Published(c).ServiceId)),
        ["DSSAPIDeployerService.get_status"] = Dss(c => Published(c).GetStatusAsync()),
        ["DSSAPIDeployerService.import_version"] = Dss(async c =>
        {
            using var archive = new MemoryStream("zip-bytes"u8.ToArray());
            await Published(c).ImportVersionAsync(archive, "v3.zip");
        }),
        ["DSSAPIDeployerService.get_settings"] = Dss(c => Published(c).GetSettingsAsync()),
        ["DSSAPIDeployerService.delete_version"] = Dss(c => Published(c).DeleteVersionAsync("v1")),
        ["DSSAPIDeployerService.get_version_stream"] = Dss(async c => await (await Published(c).GetVersionStreamAsync("v1")).DisposeAsync()),
        ["DSSAPIDeployerService.download_version_to_file"] = (c, _, folder) => Published(c).DownloadVersionToFileAsync("v1", Path.Combine(folder, "v1.zip")),
        ["DSSAPIDeployerService.delete"] = Dss(c => Published(c).DeleteAsync()),

        ["DSSAPIDeployerServiceSettings.get_raw"] = Dss(async c => Assert.Equal("PS", (string?)(await Published(c).GetSettingsAsync()).GetRaw()["id"])),
        ["DSSAPIDeployerServiceSettings.save"] = Dss(async c => await (await Published(c).GetSettingsAsync()).SaveAsync()),

        ["DSSAPIDeployerServiceStatus.get_deployments"] = Dss(async c => Assert.Equal(["D2"], (await Published(c).GetStatusAsync()).GetDeployments(infraId: "I2").Select(d => d.DeploymentId))),
        ["DSSAPIDeployerServiceStatus.get_versions"] = Dss(async c => Assert.Equal("v1", Assert.Single((await Published(c).GetStatusAsync()).Packages).Id)),
        ["DSSAPIDeployerServiceStatus.get_raw"] = Dss(async c => Assert.NotNull((await Published(c).GetStatusAsync()).GetRaw()["packages"])),

        ["DSSFuture.from_resp"] = Dss(async c => Assert.Equal("J", (await Deployment(c).StartUpdateAsync()).Id)),
        ["DSSFuture.get_state"] = Dss(async c => Assert.True((await c.GetFuture("J").GetStateAsync()).IsAlive)),
        ["DSSFuture.peek_state"] = Dss(async c => Assert.True((await c.GetFuture("J").PeekAsync()).IsAlive)),
        ["DSSFuture.abort"] = Dss(c => c.GetFuture("J").AbortAsync()),
        ["DSSFuture.has_result"] = Dss(async c => Assert.False(await c.GetFuture("J").HasResultAsync())),
        ["DSSFuture.get_result"] = Dss(async c => Assert.Equal(1, (int?)(await c.GetFuture("J").GetResultAsync())?["nbOKNodes"])),
        ["DSSFuture.wait_for_result"] = Dss(async c => Assert.Equal(1, (int?)(await c.GetFuture("J").WaitForCompletionAsync())?["nbOKNodes"])),
        ["DSSFuture.get_result_wait_if_needed"] = Dss(async c => Assert.Equal(1, (await (await Deployment(c).StartUpdateAsync()).WaitForCompletionAsync())?.SucceededNodeCount)),

        ["APINodeClient.predict_record"] = Node(n => n.PredictRecordAsync("ep", Features.DeepClone())),
        ["APINodeClient.predict_record#with dispatch, context and explanations"] = Node(n => n.PredictRecordAsync("ep", Features.DeepClone(), forcedGeneration: "v2",
            context: new JsonObject { ["user"] = "u" }, withExplanations: true, explanationMethod: ExplanationMethod.Shapley, explanationCount: 3, explanationMonteCarloSteps: 100)),
        ["APINodeClient.predict_record#with a forced generation and a dispatch key"] = Node(n => n.PredictRecordAsync("ep", Features.DeepClone(), forcedGeneration: "v2", dispatchKey: "k")),
        ["APINodeClient.predict_records"] = Node(n => n.PredictRecordsAsync("ep", [Record("features")], dispatchKey: "k")),
        ["APINodeClient.predict_records#with a forced generation and a dispatch key"] = Node(n => n.PredictRecordsAsync("ep", [Record("features")], forcedGeneration: "v2", dispatchKey: "k")),
        ["APINodeClient.forecast"] = Node(n => n.ForecastAsync("ep", [new JsonObject { ["date"] = "2024-01-01", ["sales"] = 3 }])),
        ["APINodeClient.forecast#with a forced generation and a dispatch key"] = Node(n => n.ForecastAsync("ep", [new JsonObject { ["date"] = "2024-01-01", ["sales"] = 3 }], forcedGeneration: "v2", dispatchKey: "k")),
        ["APINodeClient.predict_effect"] = Node(n => n.PredictEffectAsync("ep", Features.DeepClone())),
        ["APINodeClient.predict_effect#with a forced generation and a dispatch key"] = Node(n => n.PredictEffectAsync("ep", Features.DeepClone(), forcedGeneration: "v2", dispatchKey: "k")),
        ["APINodeClient.predict_effects"] = Node(n => n.PredictEffectsAsync("ep", [Record("features")], forcedGeneration: "v1")),
        ["APINodeClient.predict_effects#with a forced generation and a dispatch key"] = Node(n => n.PredictEffectsAsync("ep", [Record("features")], forcedGeneration: "v2", dispatchKey: "k")),
        ["APINodeClient.sql_query"] = Node(n => n.SqlQueryAsync("ep", new JsonObject { ["country"] = "FR" })),
        ["APINodeClient.lookup_record"] = Node(async n => Assert.Equal("Paris", (string?)(await n.LookupRecordAsync("ep", new JsonObject { ["id"] = 1 })).Data?["city"])),
        ["APINodeClient.lookup_records"] = Node(n => n.LookupRecordsAsync("ep", [new JsonObject { ["data"] = new JsonObject { ["id"] = 1 } }])),
        ["APINodeClient.run_function"] = Node(n => n.RunFunctionAsync("ep", new JsonObject { ["a"] = 2 })),
        ["APINodeClient.run_function#without arguments"] = Node(n => n.RunFunctionAsync("ep")),
    };

    private static JsonObject Record(string member) => new() { [member] = Features.DeepClone() };

    private static async Task EditServiceAsync(DssClient c, Action<ApiServiceSettings> edit)
    {
        var settings = await Service(c).GetSettingsAsync();
        edit(settings);
        await settings.SaveAsync();
    }

    private static async Task EditInfraAsync(DssClient c, Action<StaticInfraSettings> edit)
    {
        var settings = await Deployer(c).GetInfra("I").GetSettingsAsync<StaticInfraSettings>();
        edit(settings);
        await settings.SaveAsync();
    }

    private static async Task EditDeploymentAsync(DssClient c, Action<DeploymentSettings> edit)
    {
        var settings = await Deployment(c).GetSettingsAsync();
        edit(settings);
        await settings.SaveAsync();
    }
}
