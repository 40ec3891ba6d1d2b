using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>The API node user API over deployed demo models: exact deterministic outputs, auth, traffic splits (dss-protocol §4).</summary>
public sealed class ApiNodeTests
{

    private static readonly JsonObject ChurnFeatures = new()
    {
        ["tenure_months"] = 10,
        ["monthly_charges"] = 70,
        ["contract"] = "month-to-month",
        ["support_calls"] = 2,
    };

    [Fact]
    public async Task ClassifierPredictsTheDocumentedProbabilities()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var response = await dss.QueryAsync("svc", "churn", "predict", new JsonObject
        {
            ["features"] = ChurnFeatures.DeepClone(),
            ["explanations"] = new JsonObject { ["enabled"] = null, ["method"] = null, ["nExplanations"] = null, ["nMonteCarloSteps"] = null },
        });
        var body = await TestDss.ReadJsonAsync(response);

        Assert.Equal("""{"prediction":"churn","probas":{"stay":0.043107,"churn":0.956893},"ignored":false}""", body["result"]!.ToJsonString());
        Assert.Equal("""{"serviceId":"svc","endpointId":"churn","serviceGeneration":"v1"}""", body["apiContext"]!.ToJsonString());
        Assert.True(body["timing"]!["prediction"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task ExplanationsAreTheLargestLinearContributions()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var response = await dss.QueryAsync("svc", "churn", "predict", new JsonObject
        {
            ["features"] = ChurnFeatures.DeepClone(),
            ["explanations"] = new JsonObject { ["enabled"] = true, ["nExplanations"] = 3 },
        });

        var result = (await TestDss.ReadJsonAsync(response))["result"]!;
        Assert.Equal("""{"monthly_charges":2.1,"contract":1.5,"support_calls":0.8}""", result["explanations"]!.ToJsonString());
    }

    [Fact]
    public async Task RegressorClusteringAndUpliftModelsFollowTheirFormulas()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc",
        [
            TestDss.Endpoint("price", "STD_PREDICTION", "house_price_regressor"),
            TestDss.Endpoint("segment", "STD_CLUSTERING", "customer_segments"),
            TestDss.Endpoint("uplift", "STD_CAUSAL_PREDICTION", "promo_uplift"),
        ]);

        using var price = await dss.QueryAsync("svc", "price", "predict", Features(new JsonObject { ["surface_m2"] = 80, ["rooms"] = 3, ["city"] = "Paris" }));
        using var segments = await dss.QueryAsync("svc", "segment", "predict-multi", new JsonObject
        {
            ["items"] = new JsonArray(Features(new JsonObject { ["age"] = 30, ["income_k"] = 35 }), Features(new JsonObject { ["age"] = "62", ["income_k"] = 45 })),
        });
        using var uplift = await dss.QueryAsync("svc", "uplift", "predict-effect", Features(new JsonObject { ["basket_size"] = 40, ["loyalty"] = "gold" }));

        Assert.Equal("""{"prediction":430000,"ignored":false}""", (await TestDss.ReadJsonAsync(price))["result"]!.ToJsonString());
        Assert.Equal("""[{"cluster":"cluster_0","ignored":false},{"cluster":"cluster_2","ignored":false}]""",
            (await TestDss.ReadJsonAsync(segments))["results"]!.ToJsonString());
        Assert.Equal("""{"predictedEffect":12,"ignored":false}""", (await TestDss.ReadJsonAsync(uplift))["result"]!.ToJsonString());
    }

    [Fact]
    public async Task ForecasterExtendsEachSeriesAlongItsRecentTrend()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("sales", "STD_FORECAST", "daily_sales_forecaster")]);
        var items = new JsonArray(new[] { 10, 12, 14, 16 }
            .Select((sales, day) => (JsonNode)new JsonObject { ["date"] = $"2024-01-0{day + 1}", ["sales"] = sales, ["store"] = "A" })
            .ToArray());

        using var response = await dss.QueryAsync("svc", "sales", "forecast", new JsonObject { ["items"] = items });
        var results = (await TestDss.ReadJsonAsync(response))["results"]!.AsArray();

        Assert.Equal([18.0, 20.0, 22.0], results.Select(result => result!["forecast"]!.GetValue<double>()));
        Assert.Equal("2024-01-06T00:00:00.000Z", results[1]!["time"]!.GetValue<string>());
        Assert.Equal("[17.171573,20,22.828427]", results[1]!["quantilesValues"]!.ToJsonString());
        Assert.Equal("[0.1,0.5,0.9]", results[1]!["quantiles"]!.ToJsonString());
        Assert.Equal("""{"store":"A"}""", results[0]!["timeseriesIdentifier"]!.ToJsonString());
    }

    [Fact]
    public async Task LookupCopiesMappedColumnsAndHonoursMatchBehaviours()
    {
        await using var dss = await TestDss.StartAsync();
        var lookup = TestDss.Endpoint("customers", "DATASETS_LOOKUP");
        lookup["lookups"] = JsonNode.Parse("""
            [{"datasetRef":"customers","on":[{"resourceLookupCol":"customer_id","inputLookupKey":"id"}],
              "columnsMapping":{"name":"customer_name","tenure_months":"tenure"},
              "notFoundBehavior":"ERROR","multiMatchBehavior":"ERROR"}]
            """);
        await dss.DeployAsync("svc", [lookup]);

        using var one = await dss.QueryAsync("svc", "customers", "lookup", new JsonObject { ["data"] = new JsonObject { ["id"] = "c1" } });
        using var many = await dss.QueryAsync("svc", "customers", "lookup-multi", new JsonObject
        {
            ["items"] = new JsonArray(
                new JsonObject { ["data"] = new JsonObject { ["id"] = "zzz" } },
                new JsonObject { ["data"] = new JsonObject { ["id"] = "c3" } }),
        });

        Assert.Equal("""[{"data":{"id":"c1","customer_name":"Ada","tenure":24},"ignored":false}]""", (await TestDss.ReadJsonAsync(one))["results"]!.ToJsonString());
        Assert.Equal("""[{"ignored":true,"ignoreReason":"NO_LOOKUP_MATCH"},{"ignored":true,"ignoreReason":"MULTIPLE_LOOKUP_MATCHES"}]""",
            (await TestDss.ReadJsonAsync(many))["results"]!.ToJsonString());
    }

    [Fact]
    public async Task PackagedModelVersionIsWhatAnswersEvenAfterTheActiveVersionChanges()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/savedmodels/churn_classifier/versions/v1/actions/setActive");
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/savedmodels/churn_classifier/versions/v2/actions/setActive");

        using var response = await dss.QueryAsync("svc", "churn", "predict", Features(ChurnFeatures.DeepClone().AsObject()));

        Assert.Equal(0.75026, (await TestDss.ReadJsonAsync(response))["result"]!["probas"]!["churn"]!.GetValue<double>());
    }

    [Fact]
    public async Task ApiKeysServiceNeedsOneOfItsQueryKeys()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")], settings =>
        {
            settings["authMethod"] = "API_KEYS";
            settings["authRealm"] = new JsonObject { ["queryKeys"] = new JsonArray(new JsonObject { ["key"] = "query-key" }) };
        });
        using var anonymous = TestDss.NewClient(dss.Emulator.Url, null);
        using var withKey = TestDss.NewClient(dss.Emulator.Url, "query-key");
        using var withBearer = TestDss.NewClient(dss.Emulator.Url, null);
        withBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "query-key");
        var query = Features(ChurnFeatures.DeepClone().AsObject());

        using var noKey = await dss.QueryAsync("svc", "churn", "predict", query, anonymous);
        using var adminKey = await dss.QueryAsync("svc", "churn", "predict", query);
        using var accepted = await dss.QueryAsync("svc", "churn", "predict", query, withKey);
        using var acceptedBearer = await dss.QueryAsync("svc", "churn", "predict", query, withBearer);

        await TestDss.AssertErrorAsync(noKey, HttpStatusCode.Unauthorized, ErrorTypes.NotAuthenticated, "API Key not provided");
        await TestDss.AssertErrorAsync(adminKey, HttpStatusCode.Unauthorized, ErrorTypes.NotAuthenticated, "Unknown API key");
        Assert.NotNull(noKey.Headers.WwwAuthenticate.SingleOrDefault());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acceptedBearer.StatusCode);
    }

    [Fact]
    public async Task PublicServiceNeedsNoKey()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        using var anonymous = TestDss.NewClient(dss.Emulator.Url, null);

        using var response = await dss.QueryAsync("svc", "churn", "predict", Features(ChurnFeatures.DeepClone().AsObject()), anonymous);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"explanations":{}}""", "'features' is required")]
    [InlineData("""{"features":[1,2]}""", "'features'")]
    [InlineData("""{"features":{},"dispatch":{"forcedGeneration":"v9"}}""", "Generation v9 is not available")]
    public async Task BadQueriesAre400(string body, string problem)
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var response = await dss.Http.PostAsync("/public/api/v1/svc/churn/predict", new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownServiceEndpointOrVerbIs404AndWrongVerbIs400()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        var query = Features(ChurnFeatures.DeepClone().AsObject());

        using var noService = await dss.QueryAsync("nope", "churn", "predict", query);
        using var noEndpoint = await dss.QueryAsync("svc", "nope", "predict", query);
        using var noVerb = await dss.QueryAsync("svc", "churn", "explode", query);
        using var wrongVerb = await dss.QueryAsync("svc", "churn", "forecast", query);

        await TestDss.AssertErrorAsync(noService, HttpStatusCode.NotFound, ErrorTypes.NotFound, "Service nope not found");
        await TestDss.AssertErrorAsync(noEndpoint, HttpStatusCode.NotFound, ErrorTypes.NotFound, "Endpoint nope not found");
        await TestDss.AssertErrorAsync(noVerb, HttpStatusCode.NotFound, ErrorTypes.NotFound, "explode");
        await TestDss.AssertErrorAsync(wrongVerb, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "does not answer 'forecast'");
    }

    [Fact]
    public async Task CodeEndpointsAreDeployedButAnswer503()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("fn", "PY_FUNCTION"), TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var run = await dss.Http.PostAsync("/public/api/v1/svc/fn/run", null);
        var status = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");

        await TestDss.AssertErrorAsync(run, HttpStatusCode.ServiceUnavailable, ErrorTypes.EndpointUnavailable, "PY_FUNCTION");
        Assert.Equal("WARNING", status["health"]!.GetValue<string>());
        Assert.Contains("fn", status["healthMessages"]!["messages"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task EffectsOfManyRecordsComeInOrder()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("uplift", "STD_CAUSAL_PREDICTION", "promo_uplift")]);

        using var response = await dss.QueryAsync("svc", "uplift", "predict-effect-multi", new JsonObject
        {
            ["items"] = new JsonArray(Features(new JsonObject { ["basket_size"] = 10 }), Features(new JsonObject { ["loyalty"] = "gold" })),
        });

        Assert.Equal("""[{"predictedEffect":6,"ignored":false},{"predictedEffect":8,"ignored":false}]""",
            (await TestDss.ReadJsonAsync(response))["results"]!.ToJsonString());
    }

    [Fact]
    public async Task FunctionEndpointRunsTheDemoFunctionItNames()
    {
        await using var dss = await TestDss.StartAsync();
        var function = TestDss.Endpoint("discount", "PY_FUNCTION");
        function["code"] = "def basket_discount(basket_size, loyalty): ...";
        function["userFunctionName"] = "basket_discount";
        await dss.DeployAsync("svc", [function]);

        using var post = await dss.QueryAsync("svc", "discount", "run", new JsonObject { ["basket_size"] = 20, ["loyalty"] = "gold" });
        using var get = await dss.Http.GetAsync("/public/api/v1/svc/discount/run?basket_size=10");
        var posted = await TestDss.ReadJsonAsync(post);

        Assert.Equal(4.5, posted["response"]!.GetValue<double>());
        Assert.Equal(["wait", "execution", "functionInternal"], posted["timing"]!.AsObject().Select(step => step.Key));
        Assert.Equal(1.5, (await TestDss.ReadJsonAsync(get))["response"]!.GetValue<double>());
        Assert.Equal("HEALTHY", (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status"))["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task SqlEndpointRunsEachSelectOverTheDemoDatasets()
    {
        await using var dss = await TestDss.StartAsync();
        var sql = TestDss.Endpoint("customers", "SQL_QUERY");
        sql["connection"] = "warehouse";
        sql["queries"] = JsonNode.Parse("""
            [{"query": "SELECT customer_id, name FROM customers WHERE country = ? AND tenure_months = ?", "inputParameters": ["country", "tenure"]},
             {"query": "select name, tenure_months from customers where country = 'FI';", "maxResults": 1}]
            """);
        await dss.DeployAsync("svc", [sql]);

        using var post = await dss.QueryAsync("svc", "customers", "query", new JsonObject { ["country"] = "FI", ["tenure"] = 61 });
        using var get = await dss.Http.GetAsync("/public/api/v1/svc/customers/query?country=US&tenure=3");
        using var missing = await dss.QueryAsync("svc", "customers", "query", new JsonObject { ["country"] = "US" });

        Assert.Equal("""
            [{"columns":[{"name":"customer_id","type":"string"},{"name":"name","type":"string"}],"rows":[["c3","Linus (duplicate)"]]},{"columns":[{"name":"name","type":"string"},{"name":"tenure_months","type":"bigint"}],"rows":[["Linus",60]]}]
            """, (await TestDss.ReadJsonAsync(post))["results"]!.ToJsonString());
        Assert.Equal("""[["c2","Grace"]]""", (await TestDss.ReadJsonAsync(get))["results"]![0]!["rows"]!.ToJsonString());
        await TestDss.AssertErrorAsync(missing, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "Parameter 'tenure' of SQL query endpoint customers is missing");
        Assert.Equal("HEALTHY", (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status"))["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task SqlEndpointWithAQueryTheEmulatorCannotRunIsNotLoaded()
    {
        await using var dss = await TestDss.StartAsync();
        var sql = TestDss.Endpoint("counts", "SQL_QUERY");
        sql["queries"] = JsonNode.Parse("""[{"query": "SELECT country, COUNT(*) FROM customers GROUP BY country", "inputParameters": []}]""");
        await dss.DeployAsync("svc", [sql]);

        using var post = await dss.QueryAsync("svc", "counts", "query", new JsonObject());

        await TestDss.AssertErrorAsync(post, HttpStatusCode.ServiceUnavailable, ErrorTypes.EndpointUnavailable, "GROUP BY country");
        Assert.Equal("WARNING", (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status"))["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task SqlEndpointAnswers503AlsoOnGetAndPredictRefusesGet()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("sql", "SQL_QUERY"), TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);

        using var get = await dss.Http.GetAsync("/public/api/v1/svc/sql/query?country=FR");
        using var getPredict = await dss.Http.GetAsync("/public/api/v1/svc/churn/predict");

        await TestDss.AssertErrorAsync(get, HttpStatusCode.ServiceUnavailable, ErrorTypes.EndpointUnavailable, "SQL_QUERY");
        await TestDss.AssertErrorAsync(getPredict, HttpStatusCode.MethodNotAllowed,
            ErrorTypes.MethodNotSupported, "GET");
    }

    [Fact]
    public async Task ApiNodeUrlMayNameTheEmulatorByAnyLoopbackName()
    {
        await using var dss = await TestDss.StartAsync();
        var port = new Uri(dss.Emulator.Url).Port;
        await dss.PrepareDeploymentAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")], apiNodeUrl: $"http://localhost:{port}/");
        await dss.UpdateAsync("dep-svc");

        using var response = await dss.QueryAsync("svc", "churn", "predict", Features(ChurnFeatures.DeepClone().AsObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HEALTHY", (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status"))["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeployedServiceIdNamesTheServiceOnTheApiNode()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        var settings = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/settings")).AsObject();
        settings["deployedServiceId"] = "churn-prod";
        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/deployments/dep-svc/settings", settings.ToJsonString());
        await dss.UpdateAsync("dep-svc");
        var query = Features(ChurnFeatures.DeepClone().AsObject());

        using var renamed = await dss.QueryAsync("churn-prod", "churn", "predict", query);
        using var former = await dss.QueryAsync("svc", "churn", "predict", query);
        var light = await dss.GetJsonAsync("api-deployer/deployments/dep-svc");

        Assert.Equal("churn-prod", (await TestDss.ReadJsonAsync(renamed))["apiContext"]!["serviceId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, former.StatusCode);
        Assert.Equal("churn-prod", light["deploymentBasicInfo"]!["deployedServiceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task DisabledDeploymentKeepsServingUntilItIsUpdated()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.DeployAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        var settings = (await dss.GetJsonAsync("api-deployer/deployments/dep-svc/settings")).AsObject();
        settings["enabled"] = false;
        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/deployments/dep-svc/settings", settings.ToJsonString());
        var query = Features(ChurnFeatures.DeepClone().AsObject());

        using var stillServed = await dss.QueryAsync("svc", "churn", "predict", query);
        await dss.UpdateAsync("dep-svc");
        using var gone = await dss.QueryAsync("svc", "churn", "predict", query);
        var status = await dss.GetJsonAsync("api-deployer/deployments/dep-svc/status");

        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        await TestDss.AssertErrorAsync(gone, HttpStatusCode.NotFound, ErrorTypes.NotFound, "Service svc not found");
        Assert.Equal("UNKNOWN", status["health"]!.GetValue<string>());
        Assert.Equal("DISABLED", status["healthMessages"]!["messages"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrafficSplitsRouteByHashForcedGenerationOrDeterministicDraw()
    {
        await using var dss = await TestDss.StartAsync();
        await dss.CreateServiceAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/savedmodels/churn_classifier/versions/v1/actions/setActive");
        await dss.CreatePackageAsync("svc", "old");
        await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/savedmodels/churn_classifier/versions/v2/actions/setActive");
        await dss.CreatePackageAsync("svc", "new");
        await dss.PublishAsync("svc", "old");
        await dss.PublishAsync("svc", "new");
        await dss.CreateStaticInfraAsync("infra");
        await dss.CreateDeploymentAsync("dep", "svc", "infra", "old");

        await SplitAsync(dss, "RANDOM");
        var random = await GenerationsAsync(dss, key => Features(WithTenure(key)));
        var randomAgain = await GenerationsAsync(dss, key => Features(WithTenure(key)));
        var forced = await GenerationsAsync(dss, key => WithDispatch(Features(WithTenure(key)), "forcedGeneration", "new"));
        await SplitAsync(dss, "HASH_BASED");
        var hashed = await GenerationsAsync(dss, key => WithDispatch(Features(WithTenure(1)), "dispatchKey", $"user-{key}"));
        var sameKey = await GenerationsAsync(dss, _ => WithDispatch(Features(WithTenure(1)), "dispatchKey", "user-1"));
        using var noKey = await dss.QueryAsync("svc", "churn", "predict", Features(WithTenure(1)));

        Assert.Equal(["new", "old"], random.Distinct().Order());
        Assert.Equal(random, randomAgain);
        Assert.All(forced, generation => Assert.Equal("new", generation));
        Assert.Equal(["new", "old"], hashed.Distinct().Order());
        Assert.Single(sameKey.Distinct());
        await TestDss.AssertErrorAsync(noKey, HttpStatusCode.BadRequest, ErrorTypes.IllegalArgument, "the dispatch key is mandatory");
    }

    [Fact]
    public async Task TestQueriesRunThroughTheDeployer()
    {
        await using var dss = await TestDss.StartAsync();
        var endpoint = TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier");
        endpoint["testQueries"] = new JsonArray(new JsonObject { ["name"] = "saved", ["q"] = Features(ChurnFeatures.DeepClone().AsObject()) });
        await dss.DeployAsync("svc", [endpoint]);
        var explicitQueries = Uri.EscapeDataString("""[{"q":{"features":{}}},{"q":{}}]""");

        var saved = await dss.SendJsonAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/run-test-queries");
        var given = await dss.SendJsonAsync(HttpMethod.Post, $"api-deployer/deployments/dep-svc/actions/run-test-queries?endpointIdParam=churn&testQueriesParam={explicitQueries}");
        var queries = await dss.SendJsonAsync(HttpMethod.Post,
            $"api-deployer/deployments/dep-svc/actions/run-queries?queries={Uri.EscapeDataString("[{\"features\":{}}]")}&adaptQueryForInfraType=True");
        var documented = new JsonArray(new JsonObject { ["q"] = Features(ChurnFeatures.DeepClone().AsObject()) }).ToJsonString();
        var pythonShaped = await dss.SendJsonAsync(HttpMethod.Post,
            $"api-deployer/deployments/dep-svc/actions/run-queries?queries={Uri.EscapeDataString(documented)}&adaptQueryForInfraType=True");
        using var missing = await dss.SendAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/run-queries");

        Assert.Equal("churn", saved["responses"]![0]!["response"]!["result"]!["prediction"]!.GetValue<string>());
        Assert.Equal("stay", given["responses"]![0]!["response"]!["result"]!["prediction"]!.GetValue<string>());
        Assert.Equal("'features' is required", given["responses"]![1]!["error"]!["message"]!.GetValue<string>());
        Assert.Equal("v1", queries["responses"]![0]!["response"]!["apiContext"]!["serviceGeneration"]!.GetValue<string>());
        Assert.Equal("churn", pythonShaped["responses"]![0]!["response"]!["result"]!["prediction"]!.GetValue<string>());
        await TestDss.AssertErrorAsync(missing, HttpStatusCode.BadRequest,
            ErrorTypes.MissingParameter, "'queries'");
    }

    private static JsonObject Features(JsonObject features) => new() { ["features"] = features };

    private static JsonObject WithTenure(int tenure) => new() { ["tenure_months"] = tenure, ["monthly_charges"] = 50 };

    private static JsonObject WithDispatch(JsonObject query, string field, string value)
    {
        query["dispatch"] = new JsonObject { [field] = value };
        return query;
    }

    private static async Task SplitAsync(TestDss dss, string strategy)
    {
        var settings = (await dss.GetJsonAsync("api-deployer/deployments/dep/settings")).AsObject();
        settings["generationsMapping"] = new JsonObject
        {
            ["mode"] = "MULTI_GENERATION",
            ["strategy"] = strategy,
            ["entries"] = new JsonArray(
                new JsonObject { ["generation"] = "old", ["proba"] = 0.5 },
                new JsonObject { ["generation"] = "new", ["proba"] = 0.5 }),
        };
        await dss.SendOkAsync(HttpMethod.Put, "api-deployer/deployments/dep/settings", settings.ToJsonString());
        await dss.UpdateAsync("dep");
    }

    /// <summary>The generation answering each of 20 queries, checking each answer comes from that generation's pinned model.</summary>
    private static async Task<string[]> GenerationsAsync(TestDss dss, Func<int, JsonObject> query)
    {
        var generations = new List<string>();
        for (var key = 0; key < 20; key++)
        {
            using var response = await dss.QueryAsync("svc", "churn", "predict", query(key));
            var body = await TestDss.ReadJsonAsync(response);
            var generation = body["apiContext"]!["serviceGeneration"]!.GetValue<string>();
            var churn = body["result"]!["probas"]!["churn"]!.GetValue<double>();
            var tenure = query(key)["features"]!["tenure_months"]!.GetValue<int>();
            var expected = generation == "old"
                ? Sigmoid(-1.0 + -0.05 * tenure + 0.02 * 50)
                : Sigmoid(-0.5 + -0.08 * tenure + 0.03 * 50);
            Assert.Equal(Math.Round(expected, 6, MidpointRounding.AwayFromZero), churn);
            generations.Add(generation);
        }

        return [.. generations];
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
