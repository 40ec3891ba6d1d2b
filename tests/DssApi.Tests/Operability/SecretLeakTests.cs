using System.Diagnostics;
using System.Text.Json.Nodes;
using DssApi.Tests.Futures;
using DssApi.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DssApi.Tests.Operability;

[Collection(nameof(TelemetryTests))]
public class SecretLeakTests
{
    [Fact]
    public async Task The_key_appears_in_no_log_span_tag_or_exception_during_a_flow_with_failures()
    {
        using var recorder = new SpanRecorder();
        var spans = recorder.Spans;
        var futures = new FakeFutures();
        futures.Add("job-1", new FakeFutures.Job { PollsUntilDone = 2, FailureJson = """{"errorType":"X","message":"node down"}""" });
        var requestCount = 0;
        await using var server = await LoopbackServer.StartAsync((request, context) =>
            request.RawPath.Contains("/futures/") ? futures.Handle(request, context)
            : Interlocked.Increment(ref requestCount) == 1 ? LoopbackServer.Respond(context, 503, null, "")
            : LoopbackServer.RespondJson(context, """{"errorType":"java.lang.SecurityException","message":"forbidden"}""", 403));
        var logs = new CapturingLoggerProvider();
        using var client = Clients.For(server, options =>
        {
            options.LoggerFactory = logs;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        });
        var exceptions = new List<Exception>
        {
            await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras"), default)),
            await Assert.ThrowsAsync<DssApiException>(() => new DssFuture<JsonNode?>(client, "job-1", r => r).WaitForCompletionAsync()),
        };

        var authorization = Assert.Single(server.Requests.Select(r => r.Headers["Authorization"]).Distinct());
        var everything = string.Join('\n',
            logs.AllText,
            string.Join('\n', exceptions.Select(e => e.ToString())),
            string.Join('\n', spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
            client.ToString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information);
        Assert.DoesNotContain(Clients.ApiKey, everything);
        Assert.DoesNotContain(authorization["Basic ".Length..], everything);
    }

    [Fact]
    public void Turning_certificate_validation_off_is_logged_as_a_warning_once()
    {
        var logs = new CapturingLoggerProvider();
        using var client = new DssClient(new DssClientOptions
        {
            Url = new Uri("https://dss.example.com"),
            ApiKey = Clients.ApiKey,
            DangerousAcceptAnyServerCertificate = true,
            LoggerFactory = logs,
        });

        var warning = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("certificate validation is turned off for https://dss.example.com", warning.Message);
    }
}
