using System.Text.Json.Nodes;
using DssApi.Tests.Futures;
using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Operability;

public class AmbiguousOutcomeTests
{
    private static DssClient FastRetries(LoopbackServer server, CapturingLoggerProvider? logs = null) => Clients.For(server, options =>
    {
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.LoggerFactory = logs;
    });

    private static DssRequest CreateDeployment() =>
        new DssRequest(HttpMethod.Post, "/api-deployer/deployments").WithJsonBody(new JsonObject { ["deploymentId"] = "d1" });

    [Fact]
    public async Task A_creation_whose_answer_was_lost_but_took_effect_is_not_sent_again()
    {
        var created = 0;
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            Interlocked.Increment(ref created);
            context.Abort();
            return Task.CompletedTask;
        });
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs);
        var checks = 0;

        await client.Pipeline.SendOnceAsync(CreateDeployment, _ => Task.FromResult(++checks > 0 && created == 1), "whether deployment d1 exists", default);

        Assert.Equal(1, created);
        Assert.Equal(1, checks);
        Assert.Contains(logs.Entries, entry => entry.Message
            == "DSS request POST /dip/publicapi/api-deployer/deployments lost its answer, but DSS shows it took effect: not sent again");
    }

    [Fact]
    public async Task A_creation_that_did_not_take_effect_is_sent_again()
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync((_, context) =>
            Interlocked.Increment(ref attempts) == 1 ? LoopbackServer.Respond(context, 503, null, "") : LoopbackServer.RespondJson(context, "{}"));
        using var client = FastRetries(server);

        await client.Pipeline.SendOnceAsync(CreateDeployment, _ => Task.FromResult(false), "whether deployment d1 exists", default);

        Assert.Equal(2, attempts);
        Assert.All(server.Requests, request => Assert.Equal("""{"deploymentId":"d1"}""", request.BodyText));
    }

    [Fact]
    public async Task When_dss_cannot_tell_the_error_says_the_outcome_is_unknown_and_what_to_check()
    {
        await using var server = await LoopbackServer.StartAsync(504);
        using var client = FastRetries(server);

        var error = await Assert.ThrowsAsync<DssOutcomeUnknownException>(() => client.Pipeline.SendOnceAsync(CreateDeployment,
            _ => throw new DssConnectionException("GET /dip/publicapi/api-deployer/deployments/d1", new HttpRequestException("reset")),
            "whether deployment d1 exists", default));

        Assert.Contains("The outcome of POST /dip/publicapi/api-deployer/deployments is unknown", error.Message);
        Assert.Contains("Check whether deployment d1 exists before trying again", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_clear_refusal_is_thrown_without_asking()
    {
        await using var server = await LoopbackServer.StartAsync(400, "application/json",
            """{"errorType":"java.lang.IllegalArgumentException","message":"Deployment d1 already exists"}""");
        using var client = FastRetries(server);
        var asked = false;

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendOnceAsync(CreateDeployment,
            _ => Task.FromResult(asked = true), "whether deployment d1 exists", default));

        Assert.Contains("already exists", error.Message);
        Assert.False(asked);
    }

    [Fact]
    public async Task A_lost_read_of_a_finished_job_is_recovered_another_way()
    {
        var futures = new FakeFutures();
        futures.Add("job-1", new FakeFutures.Job { PollsUntilDone = 2, Result = JsonNode.Parse("""{"nbOKNodes":1}"""), LoseConsumingRead = true });
        await using var server = await LoopbackServer.StartAsync(futures.Handle);
        using var client = FastRetries(server);
        var future = new DssFuture<int>(client, "job-1", result => (int)result!["nbOKNodes"]!,
            recoverLostResult: _ => Task.FromResult<JsonNode?>(new JsonObject { ["nbOKNodes"] = 42 }));

        Assert.Equal(42, await future.WaitForCompletionAsync());
        Assert.True(future.HasValue);
    }

    [Fact]
    public async Task A_lost_read_of_a_job_whose_record_says_it_failed_fails_with_the_record()
    {
        var futures = new FakeFutures();
        futures.Add("job-3", new FakeFutures.Job { PollsUntilDone = 1, Result = JsonNode.Parse("{}"), LoseConsumingRead = true });
        await using var server = await LoopbackServer.StartAsync((request, context) => request.RawPath.EndsWith("/last-update", StringComparison.Ordinal)
            ? LoopbackServer.RespondJson(context, """{"status":"FAILED","logs":{"lines":["node unreachable"]}}""")
            : futures.Handle(request, context));
        using var client = FastRetries(server);
        var future = new DssFuture<JsonNode?>(client, "job-3", result => result, recoverLostResult: token => DssJobHistory.ReadOutcomeAsync(client,
            new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{deploymentId}/last-update", "d1"), "status", "SUCCESS", "FAILED", token));

        var error = await Assert.ThrowsAsync<DssJobFailedException>(() => future.WaitForCompletionAsync());

        Assert.Equal("The DSS job failed: GET /api-deployer/deployments/d1/last-update reports status FAILED.", error.Message);
        Assert.Equal("node unreachable", (string?)error.Report["logs"]!["lines"]![0]);
        Assert.Same(error, Assert.Throws<DssJobFailedException>(() => future.Value));
    }

    [Theory]
    [InlineData("SUCCESS", null)]
    [InlineData("FAILED", typeof(DssJobFailedException))]
    [InlineData("RUNNING", typeof(DssProtocolException))]
    public async Task A_job_record_tells_success_failure_or_neither(string status, Type? error)
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", $$"""{"status":"{{status}}"}""");
        using var client = FastRetries(server);

        var read = () => DssJobHistory.ReadOutcomeAsync(client, new DssRequest(HttpMethod.Get, "/x"), "status", "SUCCESS", "FAILED", default);

        if (error is null)
        {
            Assert.Null(await read());
        }
        else
        {
            Assert.IsType(error, await Record.ExceptionAsync(read));
        }
    }

    [Fact]
    public async Task A_lost_read_whose_record_tells_neither_success_nor_failure_is_an_unknown_outcome_saying_what_to_check()
    {
        var futures = new FakeFutures();
        futures.Add("job-2", new FakeFutures.Job { PollsUntilDone = 1, Result = JsonNode.Parse("{}"), LoseConsumingRead = true });
        await using var server = await LoopbackServer.StartAsync(futures.Handle);
        using var client = FastRetries(server);
        var future = new DssFuture<int>(client, "job-2", _ => 0,
            recoverLostResult: _ => throw new DssProtocolException("GET /api-deployer/deployments/d1/last-update reports status 'RUNNING'"));

        var error = await Assert.ThrowsAsync<DssOutcomeUnknownException>(() => future.WaitForCompletionAsync());

        Assert.Contains("The outcome of GET /futures/job-2 is unknown", error.Message);
        Assert.StartsWith("whether DSS job job-2 succeeded", error.WhatToCheck);
        Assert.True(future.HasCompleted);
    }

    [Fact]
    public async Task A_lost_read_whose_record_is_unreachable_for_longer_than_the_retries_is_asked_again_until_it_answers()
    {
        var futures = new FakeFutures();
        futures.Add("job-4", new FakeFutures.Job { PollsUntilDone = 1, Result = JsonNode.Parse("{}"), LoseConsumingRead = true });
        var recordReads = 0;
        await using var server = await LoopbackServer.StartAsync((request, context) =>
        {
            if (!request.RawPath.EndsWith("/last-update", StringComparison.Ordinal))
            {
                return futures.Handle(request, context);
            }

            // More lost answers in a row than one read retries: the job is over, so its record is asked for again.
            if (Interlocked.Increment(ref recordReads) <= 6)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            return LoopbackServer.RespondJson(context, """{"status":"SUCCESS"}""");
        });
        using var client = FastRetries(server);
        var future = new DssFuture<JsonNode?>(client, "job-4", result => result, recoverLostResult: token => DssJobHistory.ReadOutcomeAsync(client,
            new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{deploymentId}/last-update", "d1"), "status", "SUCCESS", "FAILED", token));

        Assert.Null(await future.WaitForCompletionAsync(TimeSpan.FromMinutes(1)));
        Assert.True(future.HasValue);
        Assert.Equal(7, recordReads);
    }

    [Fact]
    public async Task Without_a_way_to_ask_an_unclear_failure_is_an_unknown_outcome_at_once()
    {
        await using var server = await LoopbackServer.StartAsync(503);
        using var client = FastRetries(server);

        var error = await Assert.ThrowsAsync<DssOutcomeUnknownException>(() =>
            client.Pipeline.SendOnceAsync(CreateDeployment, tookEffect: null, "whether deployment d1 exists", default));

        Assert.Contains("Check whether deployment d1 exists", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_start_whose_answer_is_unclear_is_not_repeated_and_says_what_to_check()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        var logs = new CapturingLoggerProvider();
        using var client = FastRetries(server, logs);
        var start = new DssRequest(HttpMethod.Post, "/api-deployer/deployments/{deploymentId}/actions/update", "d1");

        var error = await Assert.ThrowsAsync<DssOutcomeUnknownException>(() =>
            client.Pipeline.SendOnceForJsonAsync(start, "whether an update of deployment d1 started", default));

        Assert.StartsWith("The outcome of POST /dip/publicapi/api-deployer/deployments/d1/actions/update is unknown", error.Message);
        Assert.IsType<DssConnectionException>(error.InnerException);
        Assert.Single(server.Requests);
        var warning = Assert.Single(logs.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal("DSS request POST /dip/publicapi/api-deployer/deployments/{deploymentId}/actions/update failed without a clear answer "
            + "and was not sent again: check whether an update of deployment d1 started", warning.Message);
    }

    [Fact]
    public async Task A_start_refused_clearly_is_thrown_as_dss_said()
    {
        await using var server = await LoopbackServer.StartAsync(400, "application/json",
            """{"errorType":"java.lang.IllegalArgumentException","message":"An update of deployment d1 is already running"}""");
        using var client = FastRetries(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendOnceForJsonAsync(
            new DssRequest(HttpMethod.Post, "/api-deployer/deployments/{deploymentId}/actions/update", "d1"), "whether an update started", default));

        Assert.Equal("An update of deployment d1 is already running", error.ServerMessage);
    }

    [Theory]
    [InlineData(200, """[{"id":"v1"},{"id":"v2"}]""", null, "v2", true)]
    [InlineData(200, """[{"id":"v1"}]""", null, "v2", false)]
    [InlineData(200, """{"packages":[{"id":"v2"}]}""", "packages", "v2", true)]
    [InlineData(200, """{"packages":[]}""", "packages", "v2", false)]
    [InlineData(200, """{"other":[{"id":"v2"}]}""", "packages", "v2", false)]
    [InlineData(404, """{"errorType":"NotFound","message":"no"}""", "packages", "v2", false)]
    public async Task Listing_is_what_dss_answers_to_a_read(int status, string body, string? member, string id, bool listed)
    {
        await using var server = await LoopbackServer.StartAsync(status, "application/json", body);
        using var client = FastRetries(server);

        Assert.Equal(listed, await client.Pipeline.ListsAsync(new DssRequest(HttpMethod.Get, "/api-deployer/services/{id}", "s1"), member, id, default));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(404, false)]
    public async Task Existence_is_what_dss_answers_to_a_read(int status, bool exists)
    {
        await using var server = await LoopbackServer.StartAsync(status, "application/json", status == 200 ? "{}" : """{"errorType":"NotFound","message":"no"}""");
        using var client = FastRetries(server);

        Assert.Equal(exists, await client.Pipeline.ExistsAsync(new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{id}", "d1"), default));
    }

    [Fact]
    public async Task Existence_checks_do_not_hide_other_failures()
    {
        await using var server = await LoopbackServer.StartAsync(403, "application/json", """{"errorType":"java.lang.SecurityException","message":"forbidden"}""");
        using var client = FastRetries(server);

        await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.ExistsAsync(new DssRequest(HttpMethod.Get, "/x"), default));
    }
}
