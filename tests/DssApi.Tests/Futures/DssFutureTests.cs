using System.Text.Json.Nodes;
using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Futures;

public class DssFutureTests
{
    private static readonly Func<JsonNode?, int> ReadOkNodes = result => (int)result!["nbOKNodes"]!;

    private static async Task<(LoopbackServer Server, FakeFutures Futures)> StartAsync()
    {
        var futures = new FakeFutures();
        var server = await LoopbackServer.StartAsync(futures.Handle);
        return (server, futures);
    }

    [Fact]
    public async Task A_job_finished_inline_has_its_result_without_any_request()
    {
        var (server, _) = await StartAsync();
        await using var _server = server;
        using var client = Clients.For(server);

        var future = new DssFuture<int>(client, JsonNode.Parse("""{"hasResult":true,"alive":false,"result":{"nbOKNodes":3}}""")!.AsObject(), ReadOkNodes);

        Assert.True(future.HasCompleted);
        Assert.Null(future.Id);
        Assert.Equal(3, await future.WaitForCompletionAsync());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_running_job_is_polled_with_peeks_then_consumed_once_reporting_progress()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-1", new FakeFutures.Job { PollsUntilDone = 4, Result = JsonNode.Parse("""{"nbOKNodes":2,"nbNOKNodes":0}""") });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, JsonNode.Parse("""{"jobId":"job-1","alive":true,"hasResult":false}""")!.AsObject(), ReadOkNodes);
        var reports = new List<DssFutureStatus>();

        var result = await future.WaitForCompletionAsync(TimeSpan.FromSeconds(30), new SynchronousProgress(reports.Add));

        Assert.Equal(2, result);
        Assert.True(future.HasValue);
        var queries = server.Requests.Select(r => r.QueryString).ToArray();
        Assert.Equal(["?peek=true", "?peek=true", "?peek=true", "?peek=true", "?peek=false"], queries);
        Assert.Equal(["Updating API nodes"], reports[0].States.Select(s => s.Name));
        Assert.Equal([1L, 2L, 3L], reports.Where(r => r.IsAlive).Select(r => r.States[0].Current));
        Assert.False(futures.Exists("job-1"));
    }

    [Fact]
    public async Task The_result_is_read_once_and_kept_for_later_waits_and_peeks()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-2", new FakeFutures.Job { PollsUntilDone = 1, Result = JsonNode.Parse("""{"nbOKNodes":5}""") });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-2", ReadOkNodes);

        await future.WaitForCompletionAsync();
        var requestsAfterFirstWait = server.Requests.Count;

        Assert.Equal(5, await future.WaitForCompletionAsync());
        Assert.False((await future.PeekAsync()).IsAlive);
        Assert.Equal(5, future.Value);
        Assert.Equal(requestsAfterFirstWait, server.Requests.Count);
    }

    [Fact]
    public async Task A_failed_job_throws_the_error_of_the_consuming_read_every_time()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-3", new FakeFutures.Job
        {
            PollsUntilDone = 2,
            FailureJson = """{"errorType":"com.dataiku.dip.exceptions.CodedException","message":"Node down","detailedMessage":"Node down: http://node-1:12000 refused"}""",
        });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-3", ReadOkNodes);

        var first = await Assert.ThrowsAsync<DssApiException>(() => future.WaitForCompletionAsync());
        var requests = server.Requests.Count;
        var second = await Assert.ThrowsAsync<DssApiException>(() => future.WaitForCompletionAsync());

        Assert.Equal("com.dataiku.dip.exceptions.CodedException: Node down: http://node-1:12000 refused", first.Message);
        Assert.Same(first, second);
        Assert.Same(first, Assert.Throws<DssApiException>(() => future.Value));
        Assert.True(future.HasCompleted);
        Assert.False(future.HasValue);
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public async Task An_aborted_job_reports_it_and_has_no_value()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-4", new FakeFutures.Job { PollsUntilDone = int.MaxValue, Result = JsonNode.Parse("""{"nbOKNodes":1}""") });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-4", ReadOkNodes);

        await future.AbortAsync();
        var error = await Assert.ThrowsAsync<DssFutureAbortedException>(() => future.WaitForCompletionAsync());

        Assert.Equal("DELETE", server.Requests.First().Method);
        Assert.Equal("job-4", error.JobId);
        Assert.True(future.IsAborted);
        Assert.False(future.HasValue);
        Assert.Throws<DssFutureAbortedException>(() => future.Value);
    }

    [Fact]
    public async Task A_job_is_rehydrated_from_its_id_and_peeked_without_consuming_it()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-5", new FakeFutures.Job { PollsUntilDone = 1, Result = JsonNode.Parse("""{"nbOKNodes":7}""") });
        using var client = Clients.For(server);
        var saved = new DssFuture<int>(client, JsonNode.Parse("""{"jobId":"job-5","alive":true,"hasResult":false}""")!.AsObject(), ReadOkNodes).Id!;

        var rehydrated = new DssFuture<int>(client, saved, ReadOkNodes);
        var peeked = await rehydrated.PeekAsync();

        Assert.False(peeked.IsAlive);
        Assert.True(futures.Exists("job-5"));
        Assert.Throws<InvalidOperationException>(() => rehydrated.Value);
        Assert.Equal(7, await rehydrated.WaitForCompletionAsync());
    }

    [Fact]
    public async Task A_wait_times_out_and_leaves_the_job_running()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-6", new FakeFutures.Job { PollsUntilDone = int.MaxValue });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-6", ReadOkNodes);

        var error = await Assert.ThrowsAsync<DssTimeoutException>(() => future.WaitForCompletionAsync(TimeSpan.FromMilliseconds(300)));

        Assert.Contains("job-6 did not finish within", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "DELETE" || r.QueryString == "?peek=false");
        Assert.True(futures.Exists("job-6"));
        Assert.False(future.HasCompleted);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_and_leaves_the_job_running()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-7", new FakeFutures.Job { PollsUntilDone = int.MaxValue });
        using var client = Clients.For(server);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DssFuture<int>(client, "job-7", ReadOkNodes).WaitForCompletionAsync(cancellation.Token));

        Assert.True(futures.Exists("job-7"));
    }

    [Fact]
    public async Task Get_state_reads_from_dss_and_a_finished_job_is_consumed_once_and_kept()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-8", new FakeFutures.Job { PollsUntilDone = 2, Result = JsonNode.Parse("""{"nbOKNodes":4}""") });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-8", ReadOkNodes);

        var running = await future.GetStateAsync();
        var finished = await future.GetStateAsync();
        var again = await future.GetStateAsync();

        Assert.True(running.IsAlive);
        Assert.False(finished.IsAlive);
        Assert.True(finished.HasResult);
        Assert.Same(finished, again);
        Assert.Equal(["?peek=false", "?peek=false"], server.Requests.Select(r => r.QueryString));
        Assert.False(futures.Exists("job-8"));
        Assert.Equal(4, future.Value);
    }

    [Fact]
    public async Task Has_result_asks_dss_until_the_job_has_finished_then_answers_locally()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-9", new FakeFutures.Job { PollsUntilDone = 2, Result = JsonNode.Parse("""{"nbOKNodes":1}""") });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-9", ReadOkNodes);

        Assert.False(await future.HasResultAsync());
        Assert.True(await future.HasResultAsync());
        Assert.True(await future.HasResultAsync());

        Assert.Equal(2, server.Requests.Count);
        Assert.True(future.HasValue);
    }

    [Fact]
    public async Task Get_result_reads_the_result_from_dss_without_waiting()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-10", new FakeFutures.Job { PollsUntilDone = 2, Result = JsonNode.Parse("""{"nbOKNodes":6}""") });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-10", ReadOkNodes);

        var notReady = await Assert.ThrowsAsync<InvalidOperationException>(() => future.GetResultAsync());
        var result = await future.GetResultAsync();
        var requests = server.Requests.Count;

        Assert.Equal("The result of DSS job job-10 is not ready: the job is still running.", notReady.Message);
        Assert.Equal(6, result);
        Assert.Equal(6, await future.GetResultAsync());
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public async Task Get_result_of_a_failed_job_throws_the_error_dss_reported_and_keeps_it()
    {
        var (server, futures) = await StartAsync();
        await using var _server = server;
        futures.Add("job-11", new FakeFutures.Job
        {
            PollsUntilDone = 1,
            FailureJson = """{"errorType":"com.dataiku.dip.exceptions.CodedException","message":"Node down","detailedMessage":"Node down"}""",
        });
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, "job-11", ReadOkNodes);

        var first = await Assert.ThrowsAsync<DssApiException>(() => future.GetResultAsync());
        var second = await Assert.ThrowsAsync<DssApiException>(() => future.GetResultAsync());

        Assert.Same(first, second);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_job_finished_inline_answers_state_and_result_without_any_request()
    {
        var (server, _) = await StartAsync();
        await using var _server = server;
        using var client = Clients.For(server);
        var future = new DssFuture<int>(client, JsonNode.Parse("""{"hasResult":true,"alive":false,"result":{"nbOKNodes":3}}""")!.AsObject(), ReadOkNodes);

        Assert.True((await future.GetStateAsync()).HasResult);
        Assert.True(await future.HasResultAsync());
        Assert.Equal(3, await future.GetResultAsync());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_start_response_without_job_id_or_result_is_a_protocol_error()
    {
        using var client = new DssClient("http://127.0.0.1:1", "k");
        Assert.Throws<DssProtocolException>(() => new DssFuture<int>(client, new JsonObject { ["alive"] = true }, ReadOkNodes));
    }

    [Fact]
    public void The_poll_delays_follow_the_dss_backoff()
    {
        var backoff = new DssPollingBackoff(new DssFuturePollingOptions());
        var delays = Enumerable.Range(0, 60).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        Assert.Equal(200, delays[0], 3);
        Assert.Equal(220, delays[1], 3);
        Assert.Equal(242, delays[2], 3);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(15000, delays[^1], 3);
    }

    /// <summary>Reports on the polling thread, so the list is complete when the wait returns.</summary>
    private sealed class SynchronousProgress(Action<DssFutureStatus> report) : IProgress<DssFutureStatus>
    {
        public void Report(DssFutureStatus value) => report(value);
    }
}
