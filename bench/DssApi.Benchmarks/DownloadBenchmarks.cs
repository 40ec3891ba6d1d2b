using System.Net;
using BenchmarkDotNet.Attributes;

namespace DssApi.Benchmarks;

/// <summary>Downloading a package: DssApi's streamed download against a raw HttpClient stream copy.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DownloadBenchmarks
{
    private CannedServer _server = null!;
    private HttpClient _raw = null!;
    private DssClient _client = null!;

    [Params(1L << 30)]
    public long Bytes { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await CannedServer.StartAsync();
        _raw = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate });
        _client = new DssClient(new DssClientOptions { Url = _server.Url, ApiKey = "bench" });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        _raw.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task RawHttpClient()
    {
        using var response = await _raw.GetAsync(new Uri(_server.Url, $"/dip/publicapi/download/{Bytes}"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }

    [Benchmark]
    public async Task DssApiStream()
    {
        await using var body = await _client.Pipeline.SendForStreamAsync(new DssRequest(HttpMethod.Get, "/download/{bytes}", Bytes.ToString()), default);
        await body.CopyToAsync(Stream.Null);
    }
}
