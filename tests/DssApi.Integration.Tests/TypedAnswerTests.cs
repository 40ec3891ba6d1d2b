using DssApi.Tests.Infrastructure;

namespace DssApi.Integration.Tests;

/// <summary>How ChurnScoringClient reads answers straight from their bytes: a value of the wrong kind is named by
/// its JSON path, and what the document does not describe stays reachable.</summary>
public sealed class TypedAnswerTests
{
    private static readonly ChurnScoringClient.ChurnFeatures Customer = new() { TenureMonths = 10, Contract = ChurnScoringClient.ChurnContract.MonthToMonth };

    private static async Task<(LoopbackServer Server, ChurnScoringClient Client)> AnsweringAsync(string answer)
    {
        var server = await LoopbackServer.StartAsync(200, "application/json", answer);
        return (server, new ChurnScoringClient(new DssApiNodeClientOptions
        {
            Url = server.Url,
            ServiceId = "churn-scoring",
            HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
        }));
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_is_named_by_its_json_path()
    {
        var (server, client) = await AnsweringAsync("""
            {"results": [{"prediction": "stay", "probas": {"stay": 0.9, "churn": 0.1}},
                         {"prediction": "churn", "probas": {"stay": 0.2, "churn": "high"}}]}
            """);
        await using var _ = server;
        using var __ = client;

        var error = await Assert.ThrowsAsync<DssProtocolException>(() => client.Churn.PredictManyAsync([Customer, Customer]));

        Assert.Equal("The JSON at $.results[1].probas.churn of the answer of endpoint churn holds a string where the service's OpenAPI document " +
            "says a number; regenerate the client from the deployed document, or read the answer with the untyped calls of its Node.", error.Message);
    }

    [Theory]
    [InlineData("""{"result": [7]}""", "$.result[0] of the answer of endpoint churn holds a number where the service's OpenAPI document says an object")]
    [InlineData("""{"result": {"prediction": "churn", "explanations": {"tenure_months": 0.5, "monthly-charges": true}}}""",
        "$.result.explanations['monthly-charges'] of the answer of endpoint churn holds a boolean where the service's OpenAPI document says a number")]
    [InlineData("""{"result": {"unknown": [1, {"a": 2}], "probaPercentile": 1.5}}""",
        "$.result.probaPercentile of the answer of endpoint churn holds a number where the service's OpenAPI document says an integer")]
    public async Task Each_kind_of_mismatch_names_where_it_is(string answer, string expected)
    {
        var (server, client) = await AnsweringAsync(answer);
        await using var _ = server;
        using var __ = client;

        var error = await Assert.ThrowsAsync<DssProtocolException>(() => client.Churn.PredictAsync(Customer));

        Assert.StartsWith("The JSON at " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_that_is_not_one_is_named_with_its_text()
    {
        var (server, client) = await AnsweringAsync("""{"results": [{"forecast": 1, "time": "yesterday"}]}""");
        await using var _ = server;
        using var __ = client;

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Sales.ForecastAsync([new ChurnScoringClient.SalesRecord { Date = DateTimeOffset.UnixEpoch, Sales = 1 }]));

        Assert.StartsWith("The JSON at $.results[0].time of the answer of endpoint sales holds the string \"yesterday\" where the service's OpenAPI document says a date and time",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_a_protocol_error()
    {
        var (server, client) = await AnsweringAsync("""{"result": {"prediction": """);
        await using var _ = server;
        using var __ = client;

        var error = await Assert.ThrowsAsync<DssProtocolException>(() => client.Churn.PredictAsync(Customer));

        Assert.StartsWith("Endpoint churn answered a body that is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_document_does_not_describe_stays_reachable()
    {
        var (server, client) = await AnsweringAsync("""
            {"result": {"prediction": "churn", "probas": {"stay": 0.25, "churn": 0.75}, "postEnrich": {"country": "FR"}},
             "warnings": ["slow model"], "timing": {"prediction": 12}, "apiContext": {"serviceId": "s", "endpointId": "churn", "serviceGeneration": "v2"}}
            """);
        await using var _ = server;
        using var __ = client;

        var answer = await client.Churn.PredictAsync(Customer);

        Assert.Equal(0.75, answer.Value.Probabilities!.Churn);
        Assert.Equal("FR", (string?)answer.Value.Unlisted!["postEnrich"]!["country"]);
        Assert.Equal(12, answer.Timing["prediction"]);
        var raw = answer.GetRaw();
        Assert.Equal("slow model", raw.GetProperty("warnings")[0].GetString());
        Assert.Equal("v2", raw.GetProperty("apiContext").GetProperty("serviceGeneration").GetString());
    }
}
