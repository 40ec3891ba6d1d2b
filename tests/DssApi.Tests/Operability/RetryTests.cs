using DssApi.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DssApi.Tests.Operability;

public class RetryTests
{
    private static DssClient FastRetries(LoopbackServer server, CapturingLoggerProvider? logs = null, Action<DssClientOptions>? configure = null) =>
        Clients.For(server, options =>
        {
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
            options.LoggerFactory = logs;
            configure?.Invoke(options);
        });

    /// <summary>Fails the first <paramref name="failures"/> requests with <paramref name="status"/>
    /// (0: drops the connection), then answers JSON.</summary>
    private static Task<LoopbackServer> Flaky(int failures, int status)
    {
        var seen = 0;
        return LoopbackServer.StartAsync(async (_, context) =>
        {
            if (Interlocked.Increment(ref seen) <= failures)
            {
                if (status == 0)
                {
                    context.Abort();
                    return;
                }

                await LoopbackServer.Respond(context, status, "text/plain", "busy");
                return;
            }

            await LoopbackServer.RespondJson(context, """[{"id":"prod","desc":"Production"}]""");
        });
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(0)]
    public async Task Reads_are_retried_after_transient_failures(int status)
    {
        await using var server = await Flaky(failures: 2, status);
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs);

        var stages = await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        Assert.Equal("prod", (string?)stages.RequireArray()[0]!["id"]);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Information && e.Message.StartsWith("Retrying DSS request GET /dip/publicapi/api-deployer/stages")));
    }

    [Fact]
    public async Task Settings_saves_and_deletes_are_retried()
    {
        await using var server = await Flaky(failures: 1, 503);
        using var client = FastRetries(server);

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Put, "/api-deployer/infras/{infraId}/settings", "prod")
            .WithJsonBody(System.Text.Json.Nodes.JsonNode.Parse("""{"id":"prod"}""")), default);

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, request => Assert.Equal("""{"id":"prod"}""", request.BodyText));
    }

    [Fact]
    public async Task Creations_are_never_repeated_blindly()
    {
        await using var server = await Flaky(failures: 1, 503);
        using var client = FastRetries(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.SendAsync(new DssRequest(HttpMethod.Post, "/api-deployer/deployments"), default));

        Assert.Equal(503, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_retry_budget_is_bounded()
    {
        await using var server = await Flaky(failures: int.MaxValue, 503);
        using var client = FastRetries(server, configure: options => options.Retry.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/futures/"), default));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var seen = 0;
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            if (Interlocked.Increment(ref seen) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }

            await LoopbackServer.RespondJson(context, "{}");
        });
        // Long enough for the second attempt on a loaded machine, far shorter than the first.
        using var client = FastRetries(server, configure: options => options.Timeout = TimeSpan.FromSeconds(3));

        var response = await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras/{infraId}", "prod"), default);

        Assert.NotNull(response.Node);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        await using var server = await LoopbackServer.StartAsync(404, "application/json", """{"errorType":"NotFound","message":"nope"}""");
        using var client = FastRetries(server);

        await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/x"), default));

        Assert.Single(server.Requests);
    }

    /// <summary>Answers the first request with <paramref name="status"/> and <c>Retry-After: seconds</c>, then JSON.</summary>
    private static Task<LoopbackServer> AskingToWait(int status, int seconds)
    {
        var seen = 0;
        return LoopbackServer.StartAsync((_, context) =>
        {
            if (Interlocked.Increment(ref seen) == 1)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return LoopbackServer.Respond(context, status, "text/plain", "slow down");
            }

            return LoopbackServer.RespondJson(context, "{}");
        });
    }

    private static long LoggedDelay(CapturingLoggerProvider logs) =>
        (long)Assert.Single(logs.Entries, entry => entry.Message.StartsWith("Retrying DSS request")).Values["DelayMilliseconds"]!;

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_sets_the_delay_before_the_next_attempt(int status)
    {
        await using var server = await AskingToWait(status, seconds: 1);
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs, options => options.Retry.MaxDelay = TimeSpan.FromSeconds(30));

        await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        Assert.Equal(1000, LoggedDelay(logs));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_is_capped_by_the_longest_delay_allowed()
    {
        await using var server = await AskingToWait(503, seconds: 3600);
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs, options => options.Retry.MaxDelay = TimeSpan.FromMilliseconds(250));

        await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        Assert.Equal(250, LoggedDelay(logs));
    }

    [Fact]
    public async Task Retry_after_on_a_creation_that_did_not_take_effect_sets_the_delay_too()
    {
        var posts = 0;
        await using var server = await LoopbackServer.StartAsync((request, context) =>
        {
            if (request.Method == "GET")
            {
                return LoopbackServer.RespondJson(context, """{"errorType":"NotFound","message":"no"}""", 404);
            }

            if (Interlocked.Increment(ref posts) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return LoopbackServer.Respond(context, 503, "text/plain", "busy");
            }

            return LoopbackServer.RespondJson(context, "{}");
        });
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs, options => options.Retry.MaxDelay = TimeSpan.FromSeconds(30));

        await client.Pipeline.SendOnceAsync(() => new DssRequest(HttpMethod.Post, "/api-deployer/infras"),
            token => client.Pipeline.ExistsAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras/{infraId}", "prod"), token),
            "whether infrastructure prod exists", default);

        Assert.Equal(1000, LoggedDelay(logs));
        Assert.Equal(2, posts);
    }

    [Fact]
    public async Task A_delete_whose_answer_was_lost_and_then_finds_nothing_succeeds_and_says_so()
    {
        var seen = 0;
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            if (Interlocked.Increment(ref seen) == 1)
            {
                // Deleted, but the answer never leaves.
                context.Abort();
                return Task.CompletedTask;
            }

            return LoopbackServer.RespondJson(context, """{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"Deployment d1 not found"}""", 404);
        });
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs);

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Delete, "/api-deployer/deployments/{deploymentId}", "d1"), default);

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Information && entry.Message ==
            "DSS request DELETE /dip/publicapi/api-deployer/deployments/{deploymentId} lost its answer, and the retry found nothing to delete: taken as deleted by the earlier attempt");
    }

    [Fact]
    public async Task A_delete_of_something_that_does_not_exist_is_still_a_not_found_error()
    {
        await using var server = await LoopbackServer.StartAsync(404, "application/json", """{"errorType":"NotFound","message":"Deployment d1 not found"}""");
        using var client = FastRetries(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.SendAsync(new DssRequest(HttpMethod.Delete, "/api-deployer/deployments/{deploymentId}", "d1"), default));

        Assert.Equal(404, error.StatusCode);
    }
}
