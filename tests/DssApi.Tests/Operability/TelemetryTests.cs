using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using DssApi.Tests.Futures;
using DssApi.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DssApi.Tests.Operability;

[Collection(nameof(TelemetryTests))]
public class TelemetryTests
{
    [Fact]
    public async Task Each_request_is_a_client_span_tagged_as_opentelemetry_http_clients_are()
    {
        using var recorder = new SpanRecorder();
        var spans = recorder.Spans;
        await using var server = await LoopbackServer.StartAsync(404, "application/json", """{"errorType":"NotFound","message":"no such infra"}""");
        using var client = Clients.For(server);

        await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{deploymentId}/status", "prod-eu"), default));

        // Listeners see the whole process: pick this test's span by its route.
        var span = Assert.Single(spans, s => s.OperationName == "GET /dip/publicapi/api-deployer/deployments/{deploymentId}/status");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/dip/publicapi/api-deployer/deployments/{deploymentId}/status", span.GetTagItem("url.template"));
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
    }

    [Fact]
    public async Task Request_durations_are_recorded_with_route_and_status()
    {
        var measurements = new ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "DssApi")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "http.client.request.duration")
            {
                measurements.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "[]");
        using var client = Clients.For(server);

        await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/packages", "P", "s"), default);

        var (value, tags) = Assert.Single(measurements,
            m => (string?)m.Tags["url.template"] == "/dip/publicapi/projects/{projectKey}/apiservices/{serviceId}/packages");
        Assert.True(value > 0);
        Assert.Equal(200, tags["http.response.status_code"]);
        Assert.Equal("GET", tags["http.request.method"]);
    }

    [Fact]
    public async Task A_future_wait_is_a_span_and_its_progress_is_logged()
    {
        using var recorder = new SpanRecorder();
        var spans = recorder.Spans;
        var futures = new FakeFutures();
        futures.Add("job-9", new FakeFutures.Job { PollsUntilDone = 3, Result = JsonNode.Parse("{}") });
        await using var server = await LoopbackServer.StartAsync(futures.Handle);
        var logs = new CapturingLoggerProvider();
        using var client = Clients.For(server, options => options.LoggerFactory = logs);

        await new DssFuture<JsonNode?>(client, "job-9", result => result).WaitForCompletionAsync();

        var wait = Assert.Single(spans, s => s.OperationName == "DssApi future wait" && (string?)s.GetTagItem("dssapi.job.id") == "job-9");
        Assert.Equal(4, spans.Count(s => s.ParentSpanId == wait.SpanId && s.OperationName == "GET /dip/publicapi/futures/{jobId}"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("DSS job job-9: Updating API nodes (1/3)"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message == "DSS job job-9 finished: DssFuture(job-9, completed)");
    }
}
