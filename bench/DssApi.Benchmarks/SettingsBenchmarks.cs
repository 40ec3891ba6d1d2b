using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace DssApi.Benchmarks;

/// <summary>A settings round trip (get, edit, save) through the generated client, against the same
/// HTTP done by hand with HttpClient and JsonNode.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class SettingsRoundTripBenchmarks
{
    private CannedServer _server = null!;
    private HttpClient _raw = null!;
    private DssClient _client = null!;
    private DssApiService _service = null!;

    [Params(10)]
    public int Endpoints { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await CannedServer.StartAsync();
        _server.ServiceSettings = ServiceSettingsJson.Create(Endpoints);
        _raw = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("bench:"u8));
        _client = new DssClient(new DssClientOptions { Url = _server.Url, ApiKey = "bench" });
        _service = _client.GetProject("CHURN").GetApiService("churn");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        _raw.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>What careful code does by hand: escape the ids into the URL, parse, edit, send back.</summary>
    [Benchmark(Baseline = true)]
    public async Task HandWritten()
    {
        var settingsUrl = SettingsUrl(_server.Url, "CHURN", "churn");
        using var get = await _raw.GetAsync(settingsUrl);
        get.EnsureSuccessStatusCode();
        var settings = JsonNode.Parse(await get.Content.ReadAsByteArrayAsync())!.AsObject();
        settings["authMethod"] = "PUBLIC";
        using var body = new StringContent(settings.ToJsonString(), MediaTypeHeaderValue.Parse("application/json"));
        using var put = await _raw.PutAsync(settingsUrl, body);
        put.EnsureSuccessStatusCode();
    }

    public static Uri SettingsUrl(Uri dss, string projectKey, string serviceId) =>
        new($"{dss.GetLeftPart(UriPartial.Authority)}/dip/publicapi/projects/{Uri.EscapeDataString(projectKey)}/apiservices/{Uri.EscapeDataString(serviceId)}/settings");

    [Benchmark]
    public async Task Generated()
    {
        var settings = await _service.GetSettingsAsync();
        settings.AuthMethod = AuthMethod.Public;
        await settings.SaveAsync();
    }
}

/// <summary>Reading and writing the settings of a service with 200 endpoints: the generated typed
/// view against JsonNode on the same bytes.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class SettingsParseBenchmarks
{
    private byte[] _utf8 = null!;
    private DssClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = ServiceSettingsJson.Create(200);
        _client = new DssClient("http://127.0.0.1:1", "bench");
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Baseline = true)]
    public int JsonNodeParseAndWrite()
    {
        var settings = JsonNode.Parse(_utf8)!.AsObject();
        var types = 0;
        foreach (var endpoint in settings["endpoints"]!.AsArray())
        {
            types += ((string)endpoint!["type"]!).Length + ((string)endpoint["id"]!).Length;
        }

        return types + settings.ToJsonString().Length;
    }

    [Benchmark]
    public int GeneratedParseAndWrite()
    {
        var settings = new ApiServiceSettings(_client, JsonNode.Parse(_utf8)!.AsObject(), _utf8, "CHURN", "churn");
        var types = 0;
        foreach (var endpoint in settings.Endpoints)
        {
            types += endpoint.Type!.Value.ToString().Length + (endpoint.Id?.Length ?? 0);
        }

        return types + settings.GetRaw().ToJsonString().Length;
    }
}
