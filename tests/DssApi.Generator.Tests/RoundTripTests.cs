using System.Text.Json.Nodes;
using DssApi.Generator.Tests.Live;
using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>
/// DSS JSON as recorded in protocol §5 goes through the generated types: typed reads see the
/// right values, typed edits land at the right wire names, and everything else comes back as sent.
/// </summary>
public sealed class RoundTripTests : IAsyncLifetime
{
    private const string ServiceSettingsJson = """
        {
          "id": "churn", "projectKey": "CRM", "name": "Churn", "authMethod": "API_KEYS", "publicAccess": false,
          "authRealm": { "queryKeys": [ { "key": "k-1", "label": "ci", "createdOn": 1700000000000, "createdBy": "admin" } ] },
          "versionTag": { "versionNumber": 7, "lastModifiedBy": { "login": "admin" }, "lastModifiedOn": 1700000000000 },
          "customFields": { "team": "growth" },
          "endpoints": [
            { "id": "predict", "type": "STD_PREDICTION", "modelRef": "SM1", "useJava": true, "outputExplanations": false,
              "enrichMapping": [ { "datasetRef": "customers", "packagingType": "BUNDLED_TOCONNECTION",
                                   "on": [ { "resourceLookupCol": "id", "inputLookupKey": "customer_id" } ],
                                   "columnsMapping": { "age": "age" }, "missingLookupKeyBehavior": "IGNORE",
                                   "notFoundBehavior": "DROP_ROW", "multiMatchBehavior": "KEEP_FIRST" } ],
              "testQueries": [ { "name": "one", "q": { "features": { "age": 42 } } } ],
              "serverSideOnly": { "pool": 4 } },
            { "id": "sql", "type": "SQL_QUERY", "connection": "pg", "queries": [ { "query": "select 1", "inputParameters": [], "maxResults": 10 } ] },
            { "id": "future", "type": "LLM_COMPLETION", "prompt": "hi" }
          ]
        }
        """;

    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Api_service_settings_keep_unknown_fields_and_send_typed_edits_at_their_wire_names()
    {
        _server.Reply("GET", "/settings", ServiceSettingsJson);
        using var client = _server.CreateClient();
        var settings = await client.GetProject("CRM").GetApiService("churn").GetSettingsAsync();

        Assert.Equal(AuthMethod.ApiKeys, settings.AuthMethod);
        Assert.False(settings.HasChanges);
        var prediction = Assert.IsType<PredictionEndpoint>(settings.Endpoints[0]);
        Assert.Equal("SM1", prediction.SavedModelId);
        Assert.Equal(LookupMissBehavior.DropRow, prediction.Enrichments[0].NotFoundBehavior);
        Assert.Equal("customer_id", prediction.Enrichments[0].Keys[0].QueryKey);
        Assert.Equal("age", prediction.Enrichments[0].ColumnsMapping["age"]);
        Assert.Equal(42, prediction.TestQueries[0].Query?.Features?["age"]?.GetValue<int>());
        var sql = Assert.IsType<SqlQueryEndpoint>(settings.Endpoints[1]);
        Assert.Equal(10, sql.Queries[0].MaxResults);
        var unknown = settings.Endpoints[2];
        Assert.IsType<Endpoint>(unknown);
        Assert.Equal("LLM_COMPLETION", unknown.Type?.Value);
        Assert.False(unknown.Type?.IsKnown);

        settings.AuthMethod = AuthMethod.Public;
        prediction.UseJava = false;
        prediction.ExplanationParams = new ExplanationParams { Method = ExplanationMethod.Shapley, ExplanationCount = 3 };
        var added = settings.AddCausalPredictionEndpoint("effect", "SM2", computePropensity: true);
        added.TestQueries.Add(new TestQuery { Name = "t", Query = new EndpointQuery { Features = new JsonObject() } });
        Assert.True(settings.HasChanges);
        await settings.SaveAsync();

        Assert.False(settings.HasChanges);
        var sent = JsonNode.Parse(_server.Requests[^1].Body)!.AsObject();
        var original = JsonNode.Parse(ServiceSettingsJson)!.AsObject();
        Assert.Equal("PUBLIC", sent["authMethod"]!.GetValue<string>());
        foreach (var untouched in new[] { "authRealm", "versionTag", "customFields", "publicAccess" })
        {
            Assert.True(JsonNode.DeepEquals(original[untouched], sent[untouched]), untouched);
        }

        var sentEndpoints = sent["endpoints"]!.AsArray();
        Assert.False(sentEndpoints[0]!["useJava"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"method":"SHAPLEY","nbExplanations":3}"""), sentEndpoints[0]!["individualExplanationParams"]));
        Assert.True(JsonNode.DeepEquals(original["endpoints"]![0]!["serverSideOnly"], sentEndpoints[0]!["serverSideOnly"]));
        Assert.True(JsonNode.DeepEquals(original["endpoints"]![1], sentEndpoints[1]));
        Assert.True(JsonNode.DeepEquals(original["endpoints"]![2], sentEndpoints[2]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"id":"effect","type":"STD_CAUSAL_PREDICTION","modelRef":"SM2","computePropensity":true,"useJava":false,"testQueries":[{"name":"t","q":{"features":{}}}]}"""),
            sentEndpoints[3]));
    }

    [Fact]
    public async Task Deployment_settings_read_and_write_the_generations_mapping_as_typed_cases()
    {
        _server.Reply("GET", "/settings", """
            { "id": "churn-prod", "publishedServiceId": "churn", "infraId": "prod", "enabled": true,
              "generationsMapping": { "mode": "MULTI_GENERATION", "strategy": "RANDOM", "auditRoutingKey": "user",
                                      "entries": [ { "generation": "v1", "proba": 0.9 }, { "generation": "v2", "proba": 0.1 } ] },
              "endpointsServerSideConfigs": [ { "endpointId": "predict", "config": { "pool": { "floor": 1, "ceil": 16 } } } ] }
            """);
        using var client = _server.CreateClient();
        var settings = await client.GetApiDeployer().GetDeployment("churn-prod").GetSettingsAsync();

        var split = Assert.IsType<TrafficSplitMapping>(settings.GenerationsMapping);
        Assert.Equal(TrafficSplitStrategy.Random, split.Strategy);
        Assert.Equal(GenerationsMappingMode.Multi, split.Mode);
        Assert.Equal(["v1", "v2"], split.Entries.Select(e => e.Version));

        Assert.Throws<ArgumentException>(() => settings.SetTrafficSplit(TrafficSplitStrategy.HashBased, [new GenerationEntry { Version = "v1", Probability = 0.5 }, new GenerationEntry { Version = "v2", Probability = 0.4 }]));
        Assert.Throws<ArgumentException>(() => settings.SetTrafficSplit(TrafficSplitStrategy.HashBased, []));
        Assert.False(settings.HasChanges);

        settings.SetTrafficSplit(TrafficSplitStrategy.HashBased, [new GenerationEntry { Version = "v1", Probability = 0.7 }, new GenerationEntry { Version = "v3", Probability = 0.3 }]);
        await settings.SaveAsync(ignoreWarnings: true);

        var sent = JsonNode.Parse(_server.Requests[^1].Body)!.AsObject();
        Assert.Equal($"PUT /dip/publicapi/api-deployer/deployments/churn-prod/settings?ignoreWarnings=true", _server.Requests[^1].Line);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"mode":"MULTI_GENERATION","strategy":"HASH_BASED","entries":[{"generation":"v1","proba":0.7},{"generation":"v3","proba":0.3}]}"""),
            sent["generationsMapping"]));
        Assert.NotNull(sent["endpointsServerSideConfigs"]);
        var single = settings.GetRaw()["generationsMapping"]!.AsObject();
        settings.SetSingleVersion("v3");
        Assert.IsType<SingleVersionMapping>(settings.GenerationsMapping);
        Assert.Equal("v3", ((SingleVersionMapping)settings.GenerationsMapping!).Version);
        Assert.NotSame(single, settings.GetRaw()["generationsMapping"]);
    }

    [Fact]
    public async Task Infra_settings_are_typed_by_infrastructure_type()
    {
        _server.Reply("GET", "/infras/static/settings", """
            { "id": "static", "type": "STATIC", "stage": "prod", "governCheckPolicy": "WARN",
              "apiNodes": [ { "url": "http://a:12000", "adminAPIKey": "ka" }, { "url": "http://b:12000", "adminAPIKey": "kb" }, { "url": "http://a:12000", "adminAPIKey": "ka2" } ],
              "permissions": [ { "group": "ops", "read": true, "deploy": true, "admin": false } ] }
            """);
        _server.Reply("GET", "/infras/k8s/settings", """{ "id": "k8s", "type": "K8S", "k8sNamespace": "dss", "prePushMode": "ECR", "registryHost": "r.example" }""");
        _server.Reply("GET", "/infras/other/settings", """{ "id": "other", "type": "QUANTUM", "qubits": 8 }""");
        using var client = _server.CreateClient();
        var deployer = client.GetApiDeployer();

        var staticInfra = Assert.IsType<StaticInfraSettings>(await deployer.GetInfra("static").GetSettingsAsync());
        Assert.Equal(GovernCheckPolicy.Warn, staticInfra.GovernCheckPolicy);
        Assert.True(staticInfra.Permissions[0].Deploy);
        Assert.Equal(2, staticInfra.RemoveApiNode("http://a:12000"));
        Assert.Equal(["http://b:12000"], staticInfra.ApiNodes.Select(n => n.Url));
        staticInfra.AddApiNode("http://c:12000", "kc", "dss.c");
        await staticInfra.SaveAsync();
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"url":"http://b:12000","adminAPIKey":"kb"},{"url":"http://c:12000","adminAPIKey":"kc","graphitePrefix":"dss.c"}]"""),
            JsonNode.Parse(_server.Requests[^1].Body)!["apiNodes"]));

        var k8s = Assert.IsType<KubernetesInfraSettings>(await deployer.GetInfra("k8s").GetSettingsAsync());
        Assert.Equal("dss", k8s.Namespace);
        Assert.Equal(PrePushMode.Ecr, k8s.PrePushMode);

        var other = await deployer.GetInfra("other").GetSettingsAsync();
        Assert.Equal(typeof(InfraSettings), other.GetType());
        Assert.Equal("QUANTUM", other.Type?.Value);
        Assert.Equal(8, other.GetRaw()["qubits"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deployment_status_reads_light_then_heavy_with_typed_health()
    {
        _server.Reply("GET", "/deployments/d1", """
            { "deploymentBasicInfo": { "id": "d1", "publishedServiceId": "churn", "infraId": "static", "enabled": true,
                                       "generationsMapping": { "mode": "SINGLE_GENERATION", "generation": "v1" } },
              "infraBasicInfo": { "id": "static", "type": "STATIC", "apiNodeUrls": [ "http://a:12000" ] } }
            """);
        _server.Reply("GET", "/deployments/d1/status", """
            { "health": "OUT_OF_SYNC",
              "healthMessages": { "anyMessage": true, "warning": true, "maxSeverity": "WARNING",
                                  "messages": [ { "severity": "WARNING", "isFatal": false, "code": "OUTDATED", "title": "Out of sync", "message": "Settings changed" } ] },
              "apiNodes": [ { "url": "http://a:12000", "health": "DEGRADED" } ] }
            """);
        using var client = _server.CreateClient();

        var status = await client.GetApiDeployer().GetDeployment("d1").GetStatusAsync();

        Assert.Equal(["GET /dip/publicapi/api-deployer/deployments/d1", "GET /dip/publicapi/api-deployer/deployments/d1/status"], _server.Requests.Select(r => r.Line));
        Assert.Equal("churn", status.Light.DeploymentBasicInfo.PublishedServiceId);
        Assert.Equal("v1", Assert.IsType<SingleVersionMapping>(status.Light.DeploymentBasicInfo.GenerationsMapping).Version);
        Assert.Equal(InfraType.Static, status.Light.InfraBasicInfo?.Type);
        Assert.Equal(DeploymentHealth.OutOfSync, status.Heavy.Health);
        Assert.Equal(MessageSeverity.Warning, status.Heavy.HealthMessages?.MaxSeverity);
        Assert.Equal("OUTDATED", status.Heavy.HealthMessages?.Messages[0].Code);
        Assert.Equal(["http://a:12000/public/api/v1/churn"], status.GetServiceUrls());
        var nodeHealth = status.Heavy.ApiNodes[0].Health;
        Assert.Equal("DEGRADED", nodeHealth?.Value);
        Assert.False(nodeHealth?.IsKnown);
    }

    [Fact]
    public void Service_urls_prefer_the_deployed_service_id_and_the_public_url_when_there_are_no_api_nodes()
    {
        var status = DeploymentStatus.FromJson(JsonNode.Parse("""
            { "light": { "deploymentBasicInfo": { "id": "d", "publishedServiceId": "churn", "deployedServiceId": "churn-v2" } },
              "heavy": { "health": "HEALTHY", "publicURL": "https://k8s.example" } }
            """)!.AsObject());
        var starting = DeploymentStatus.FromJson(JsonNode.Parse("""{ "light": { "deploymentBasicInfo": { "id": "d", "publishedServiceId": "churn" } }, "heavy": {} }""")!.AsObject());

        Assert.Equal(["https://k8s.example/public/api/v1/churn-v2"], status.GetServiceUrls());
        Assert.Throws<InvalidOperationException>(() => starting.GetServiceUrls());
    }

    [Fact]
    public async Task A_future_that_finished_inline_gives_its_typed_result()
    {
        _server.Reply("POST", "/actions/update", """{ "hasResult": true, "alive": false, "aborted": false, "result": { "nbOKNodes": 2, "nbNOKNodes": 0 } }""");
        using var client = _server.CreateClient();

        var future = await client.GetApiDeployer().GetDeployment("d1").StartUpdateAsync();
        var result = await future.WaitForCompletionAsync(CancellationToken.None);

        Assert.Equal(2, result?.SucceededNodeCount);
        Assert.Equal(0, result?.FailedNodeCount);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void Records_read_what_they_know_and_keep_the_rest()
    {
        var json = JsonNode.Parse("""
            { "result": { "prediction": "yes", "probas": { "yes": 0.8, "no": 0.2 }, "ignored": false, "novel": [1, 2] },
              "timing": { "wait": 3, "prediction": 12 }, "apiContext": { "serviceId": "churn", "endpointId": "predict", "serviceGeneration": "v1" } }
            """)!.AsObject();

        var response = PredictionResponse.FromJson(json);

        Assert.Equal("yes", response.Result?.Prediction?.GetValue<string>());
        Assert.Equal(0.8, response.Result?.Probabilities["yes"]);
        Assert.Equal(12, response.Timing["prediction"]);
        Assert.Equal("v1", response.ApiContext?.ServiceGeneration);
        Assert.Same(json, response.GetRaw());
        Assert.Equal("[1,2]", response.Result?.GetRaw()["novel"]?.ToJsonString());
    }
}
