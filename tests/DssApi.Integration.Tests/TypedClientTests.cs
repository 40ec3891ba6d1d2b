using System.Text.Json.Nodes;
using DssApi.Emulator;
using DssApi.Typed;

namespace DssApi.Integration.Tests;

/// <summary>The client generated from the emulator's OpenAPI document (ChurnScoringClient), against the emulator: the same answers as the untyped calls.</summary>
public sealed class TypedClientTests(DeployedChurnScoring deployed) : IClassFixture<DeployedChurnScoring>
{
    private const string ServiceId = DeployedChurnScoring.ServiceId;

    [Fact]
    public async Task Typed_calls_answer_what_the_untyped_calls_answer()
    {
        var (node, typed) = (deployed.Node, deployed.Typed);

        var churnFeatures = new ChurnScoringClient.ChurnFeatures { TenureMonths = 10, MonthlyCharges = 70, Contract = ChurnScoringClient.ChurnContract.MonthToMonth, SupportCalls = 2 };
        var churn = await typed.Churn.PredictAsync(churnFeatures, new DssQueryOptions { WithExplanations = true, ExplanationCount = 2 });
        var churnRaw = await node.PredictRecordAsync("churn", DeploymentFlow.Customer.DeepClone().AsObject(), withExplanations: true, explanationCount: 2);
        Assert.Equal(churnRaw.Result!.Prediction!.GetValue<string>(), churn.Value.Prediction!.Value.Value);
        Assert.Equal(ChurnScoringClient.ChurnPredictionValue.Churn, churn.Value.Prediction);
        Assert.Equal(churnRaw.Result.Probabilities!["churn"], churn.Value.Probabilities!.Churn);
        Assert.Equal(churnRaw.Result.Probabilities["stay"], churn.Value.Probabilities.Stay);
        Assert.Equal(churnRaw.Result.Explanations!.OrderBy(e => e.Key), churn.Value.Explanations!.OrderBy(e => e.Key));
        Assert.Equal(new DssAnswerContext(ServiceId, "churn", "v1"), churn.ApiContext);

        var many = await typed.Churn.PredictManyAsync([churnFeatures, churnFeatures with { TenureMonths = 60, Contract = "two-year" }]);
        Assert.Equal(["churn", "stay"], many.Value.Select(prediction => prediction.Prediction!.Value.Value));

        var house = await typed.HousePrice.PredictAsync(new ChurnScoringClient.HousePriceFeatures { SurfaceM2 = 50, Rooms = 2, City = ChurnScoringClient.HousePriceCity.Paris });
        var houseRaw = await node.PredictRecordAsync("house-price", new JsonObject { ["surface_m2"] = 50, ["rooms"] = 2, ["city"] = "Paris" });
        Assert.Equal(houseRaw.Result!.Prediction!.GetValue<double>(), house.Value.Prediction);

        var segment = await typed.Segments.PredictAsync(new ChurnScoringClient.SegmentsFeatures { Age = 44, IncomeK = 75 });
        Assert.Equal(ChurnScoringClient.SegmentsClusterValue.Cluster1, segment.Value.Cluster);

        var effect = await typed.Uplift.PredictEffectAsync(new ChurnScoringClient.UpliftFeatures { BasketSize = 20, Loyalty = ChurnScoringClient.UpliftLoyalty.Gold });
        var effectRaw = await node.PredictEffectAsync("uplift", new JsonObject { ["basket_size"] = 20, ["loyalty"] = "gold" });
        Assert.Equal(effectRaw.Result!.GetRaw()["predictedEffect"]!.GetValue<double>(), effect.Value.PredictedEffect);

        var history = new[] { 10.0, 12, 14 }.Select((sales, day) => new ChurnScoringClient.SalesRecord
        {
            Date = new DateTimeOffset(2024, 1, 1 + day, 0, 0, 0, TimeSpan.Zero),
            Sales = sales,
            Store = "s1",
        });
        var forecast = await typed.Sales.ForecastAsync(history);
        var forecastRaw = await node.ForecastAsync("sales",
            [.. new[] { 10, 12, 14 }.Select((sales, day) => (JsonNode)new JsonObject { ["date"] = $"2024-01-0{day + 1}", ["sales"] = sales, ["store"] = "s1" })]);
        Assert.Equal(forecastRaw.Results!.Select(point => point.Forecast), forecast.Value.Select(point => point.Forecast));
        Assert.Equal(forecastRaw.Results!.Select(point => (DateTimeOffset?)DateTimeOffset.Parse(point.Time!, System.Globalization.CultureInfo.InvariantCulture)), forecast.Value.Select(point => point.Time));
        Assert.Equal("s1", forecast.Value[0].TimeseriesIdentifier!.Store);
    }

    [Fact]
    public async Task Typed_lookups_sql_queries_function_calls_and_effects_answer_what_the_untyped_calls_answer()
    {
        var (node, typed) = (deployed.Node, deployed.Typed);

        var ada = await typed.Customers.LookupAsync(new ChurnScoringClient.CustomersKeys { CustomerId = "c1" });
        var adaRaw = await node.LookupRecordAsync("customers", new JsonObject { ["customer_id"] = "c1" });
        Assert.Equal(new ChurnScoringClient.CustomersLookupData { CustomerId = "c1", CustomerName = "Ada", TenureMonths = 24, Country = "FR" }, ada.Value.Data);
        Assert.Equal((string?)adaRaw.Data!["customer_name"], ada.Value.Data!.CustomerName);
        Assert.Equal((double?)adaRaw.Data["tenure_months"], ada.Value.Data.TenureMonths);
        Assert.Equal(new DssAnswerContext(ServiceId, "customers", "v1"), ada.ApiContext);

        var several = await typed.Customers.LookupManyAsync([new() { CustomerId = "c2" }, new() { CustomerId = "nobody" }]);
        var severalRaw = await node.LookupRecordsAsync("customers",
            [new JsonObject { ["data"] = new JsonObject { ["customer_id"] = "c2" } }, new JsonObject { ["data"] = new JsonObject { ["customer_id"] = "nobody" } }]);
        Assert.Equal(severalRaw.Results!.Select(found => (string?)found.Data?["customer_name"]), several.Value.Select(found => found.Data?.CustomerName));
        Assert.Equal(severalRaw.Results!.Select(found => found.Ignored), several.Value.Select(found => found.Ignored));

        var finns = await typed.Orders.QueryAsync(new ChurnScoringClient.OrdersParameters { Country = "FI" });
        var finnsRaw = await node.SqlQueryAsync("orders", new JsonObject { ["country"] = "FI" });
        Assert.True(JsonNode.DeepEquals(finnsRaw.GetRaw()["results"], finns.Value), finns.Value?.ToJsonString());
        Assert.Equal("""[["c3","Linus"],["c3","Linus (duplicate)"]]""", finns.Value![0]!["rows"]!.ToJsonString());

        var arguments = new JsonObject { ["basket_size"] = 20, ["loyalty"] = "gold" };
        var discount = await typed.Score.RunAsync(new ChurnScoringClient.ScoreParameters { Unlisted = arguments });
        var discountRaw = await node.RunFunctionAsync("score", arguments.DeepClone().AsObject());
        Assert.Equal(discountRaw.Response!.GetValue<double>(), discount.Value!.GetValue<double>());
        Assert.Equal(4.5, discount.Value!.GetValue<double>());
        Assert.Contains("execution", discount.Timing.Keys);

        var effects = await typed.Uplift.PredictEffectManyAsync([new() { BasketSize = 10 }, new() { Loyalty = ChurnScoringClient.UpliftLoyalty.Gold }]);
        var effectsRaw = await node.PredictEffectsAsync("uplift",
            [new JsonObject { ["features"] = new JsonObject { ["basket_size"] = 10 } }, new JsonObject { ["features"] = new JsonObject { ["loyalty"] = "gold" } }]);
        Assert.Equal(effectsRaw.Results!.Select(effect => effect.GetRaw()["predictedEffect"]!.GetValue<double>()), effects.Value.Select(effect => effect.PredictedEffect!.Value));
    }

    [Fact]
    public async Task SaveAsync_of_an_unknown_deployment_is_a_DssApiException_and_writes_nothing()
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions());
        using var client = Client(dss);
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".openapi.json");

        var error = await Assert.ThrowsAsync<DssApiException>(() => DssOpenApiDocument.SaveAsync(client, "nope", file));

        Assert.Equal(404, error.StatusCode);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task The_compiled_document_is_what_SaveAsync_pulls_from_the_emulator_for_every_endpoint()
    {
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".openapi.json");
        await DssOpenApiDocument.SaveAsync(deployed.Client, ServiceId + "-dep", file);
        var pulled = JsonNode.Parse(File.ReadAllText(file))!;
        File.Delete(file);
        var compiled = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "churn-scoring.openapi.json")))!;
        Assert.Equal(13, compiled["paths"]!.AsObject().Count);

        Assert.Equal(compiled["paths"]!.AsObject().Select(path => path.Key), pulled["paths"]!.AsObject().Select(path => path.Key));
        foreach (var (path, operation) in pulled["paths"]!.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(operation, compiled["paths"]![path]), path);
        }

        foreach (var (name, schema) in pulled["components"]!["schemas"]!.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(schema, compiled["components"]!["schemas"]![name]), name);
        }
    }

    internal static DssClient Client(DssEmulator dss) => new(new DssClientOptions
    {
        Url = new Uri(dss.Url),
        ApiKey = dss.AdminApiKey,
        HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
    });

}

/// <summary>The emulator with the churn-scoring service deployed, one endpoint of every kind, shared by the tests of a class.</summary>
public sealed class DeployedChurnScoring : IAsyncLifetime
{
    public const string ServiceId = "churn-scoring";

    public DssEmulator Dss { get; private set; } = null!;

    public DssClient Client { get; private set; } = null!;

    public DssApiNodeClient Node { get; private set; } = null!;

    internal ChurnScoringClient Typed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(20) });
        Client = TypedClientTests.Client(Dss);
        await DeployAsync(Client, Dss);
        Node = new DssApiNodeClient(new DssApiNodeClientOptions
        {
            Url = new Uri(Dss.Url),
            ServiceId = ServiceId,
            HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
        });
        Typed = new ChurnScoringClient(Node);
    }

    public async Task DisposeAsync()
    {
        Typed.Dispose();
        Node.Dispose();
        Client.Dispose();
        await Dss.DisposeAsync();
    }

    private static async Task DeployAsync(DssClient client, DssEmulator dss)
    {
        var service = await client.GetProject(dss.DemoProjectKey).CreateApiServiceAsync(ServiceId);
        var settings = await service.GetSettingsAsync();
        settings.AddPredictionEndpoint("churn", "churn_classifier");
        settings.AddPredictionEndpoint("house-price", "house_price_regressor");
        settings.AddClusteringEndpoint("segments", "customer_segments");
        settings.AddForecastingEndpoint("sales", "daily_sales_forecaster");
        settings.AddCausalPredictionEndpoint("uplift", "promo_uplift", computePropensity: false);
        settings.AddDatasetsLookupEndpoint("customers");
        settings.GetRaw()["endpoints"]!.AsArray().Last()!["lookups"] = JsonNode.Parse("""
            [{"datasetRef": "customers", "on": [{"resourceLookupCol": "customer_id", "inputLookupKey": "customer_id"}],
              "columnsMapping": {"name": "customer_name", "tenure_months": "tenure_months", "country": "country"}}]
            """);
        settings.AddSqlQueryEndpoint("orders", "warehouse", "SELECT customer_id, name FROM customers WHERE country = ?", ["country"]);
        settings.AddPythonFunctionEndpoint("score", code: "def basket_discount(basket_size, loyalty): ...", functionName: "basket_discount");
        settings.AuthMethod = AuthMethod.Public;
        await settings.SaveAsync();
        await service.CreatePackageAsync("v1");
        await service.PublishPackageAsync("v1");

        var deployer = client.GetApiDeployer();
        var infra = await deployer.CreateInfraAsync("infra", "Development", InfraType.Static);
        var infraSettings = (StaticInfraSettings)await infra.GetSettingsAsync();
        infraSettings.AddApiNode(dss.Url, dss.AdminApiKey);
        await infraSettings.SaveAsync();
        var deployment = await deployer.CreateDeploymentAsync(ServiceId + "-dep", ServiceId, "infra", "v1");
        await (await deployment.StartUpdateAsync()).WaitForCompletionAsync(TimeSpan.FromMinutes(1));
    }
}
