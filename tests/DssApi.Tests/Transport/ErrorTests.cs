using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Transport;

public class ErrorTests
{
    [Fact]
    public async Task Dss_error_json_becomes_an_exception_worded_as_dss_clients_show_it()
    {
        await using var server = await LoopbackServer.StartAsync(404, "application/json",
            """{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"Service FOO not found","detailedMessage":"Service FOO not found (in project P)","code":"ERR_X"}""");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/settings", "P", "FOO"), default));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("com.dataiku.dip.server.controllers.NotFoundException", error.ErrorType);
        Assert.Equal("Service FOO not found", error.ServerMessage);
        Assert.Equal("Service FOO not found (in project P)", error.DetailedMessage);
        Assert.Equal("com.dataiku.dip.server.controllers.NotFoundException: Service FOO not found (in project P)", error.Message);
        Assert.Equal("ERR_X", (string?)error.ErrorJson!["code"]);
        Assert.Equal("GET /dip/publicapi/projects/P/apiservices/FOO/settings", error.Route);
    }

    [Fact]
    public async Task A_500_with_a_java_error_type_and_only_a_message_uses_the_message()
    {
        await using var server = await LoopbackServer.StartAsync(500, "application/json",
            """{"errorType":"com.dataiku.dip.exceptions.DSSInternalErrorException","message":"Internal error"}""");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Delete, "/x"), default));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("com.dataiku.dip.exceptions.DSSInternalErrorException: Internal error", error.Message);
    }

    [Fact]
    public async Task A_non_json_error_body_still_gives_a_useful_message()
    {
        await using var server = await LoopbackServer.StartAsync(502, "text/html", "<html><body>Bad gateway: upstream DSS is restarting</body></html>");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.ErrorType);
        Assert.Contains("upstream DSS is restarting", error.Message);
        Assert.Contains("HTTP 502", error.Message);
        Assert.Contains("GET /dip/publicapi/api-deployer/stages", error.Message);
    }

    [Fact]
    public async Task An_empty_error_body_names_the_status_and_route()
    {
        await using var server = await LoopbackServer.StartAsync(503);
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/futures/"), default));

        Assert.Equal("Unknown error: HTTP 503 Service Unavailable on GET /dip/publicapi/futures/", error.Message);
    }

    [Fact]
    public async Task A_request_slower_than_the_timeout_is_aborted_with_a_timeout_naming_the_route()
    {
        var abortedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                abortedByClient.TrySetResult(false);
            }
            catch (OperationCanceledException)
            {
                abortedByClient.TrySetResult(true);
            }
        });
        using var client = Clients.For(server, options => options.Timeout = TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<DssTimeoutException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras"), default));

        Assert.Contains("GET /dip/publicapi/api-deployer/infras timed out after 0.2 s", error.Message);
        Assert.True(await abortedByClient.Task, "the timeout did not abort the request");
    }

    [Fact]
    public async Task Caller_cancellation_is_a_cancellation_not_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var client = Clients.For(server);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras"), cancellation.Token));
    }
}
