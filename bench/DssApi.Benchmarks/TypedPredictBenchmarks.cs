using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace DssApi.Benchmarks;

/// <summary>
/// One prediction through the typed client of the churn-scoring service (ChurnScoringClient: the record written
/// with Utf8JsonWriter, the answer read from its bytes) against the untyped <c>PredictRecordAsync</c> (a
/// <c>JsonObject</c> sent, the answer parsed into a JSON tree), for the same call and the same answer. Both read
/// the predicted class and its probability. Over loopback HTTP to a canned server, and over an in-memory handler
/// that isolates the client's own work: building and writing the request, and reading the answer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class TypedPredictBenchmarks
{
    /// <summary>What the emulator answers for churn_classifier with explanations on.</summary>
    private static readonly byte[] Answer = """
        {"result":{"prediction":"churn","probas":{"stay":0.043107,"churn":0.956893},"explanations":{"contract":1.5,"monthly_charges":2.1,"support_calls":0.8},"ignored":false},
        "timing":{"preProcessing":0,"wait":0,"enrich":0,"preparation":0,"prediction":41,"postProcessing":0},
        "apiContext":{"serviceId":"churn-scoring","endpointId":"churn","serviceGeneration":"v2"}}
        """u8.ToArray();

    private CannedServer? _server;
    private DssApiNodeClient _node = null!;
    private ChurnScoringClient _typed = null!;

    [Params("loopback HTTP", "in memory")]
    public string Transport { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        var options = new DssApiNodeClientOptions { ServiceId = "churn-scoring" };
        if (Transport == "in memory")
        {
            options.Url = new Uri("http://127.0.0.1:1");
            options.HttpMessageHandler = new CannedAnswerHandler(Answer);
        }
        else
        {
            _server = await CannedServer.StartAsync();
            _server.Prediction = Answer;
            options.Url = _server.Url;
        }

        _node = new DssApiNodeClient(options);
        _typed = new ChurnScoringClient(_node);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _node.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<double> UntypedJsonObject()
    {
        var features = new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = 70, ["contract"] = "month-to-month", ["support_calls"] = 2 };
        var answer = await _node.PredictRecordAsync("churn", features);
        return answer.Result!.Probabilities!["churn"] + answer.Result.Prediction!.GetValue<string>().Length;
    }

    [Benchmark]
    public async Task<double> Typed()
    {
        var features = new ChurnScoringClient.ChurnFeatures { TenureMonths = 10, MonthlyCharges = 70, Contract = ChurnScoringClient.ChurnContract.MonthToMonth, SupportCalls = 2 };
        var answer = await _typed.Churn.PredictAsync(features);
        return answer.Value.Probabilities!.Churn!.Value + answer.Value.Prediction!.Value.Value.Length;
    }

    /// <summary>Answers every request with the same JSON, after writing the request body out as a socket would.</summary>
    private sealed class CannedAnswerHandler(byte[] answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            var content = new ByteArrayContent(answer);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
