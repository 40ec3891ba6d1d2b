using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Operability;

/// <summary>A server that reads a creation and closes the connection without answering: the HTTP
/// stack must not send it again behind the client's back.</summary>
public class SentOnceTests
{
    private static DssClient For(RawLoopbackServer server, int maxRetries) => new(new DssClientOptions
    {
        Url = server.Url,
        ApiKey = Clients.ApiKey,
        Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    });

    /// <summary>Reads answered, POSTs read and then dropped.</summary>
    private static RawLoopbackServer DroppingPosts(string readAnswer = "[]", int readStatus = 200) =>
        new(request => request.Method == "POST" ? null : RawLoopbackServer.Response(readStatus, "application/json", readAnswer));

    private static DssRequest StartUpdate() => new(HttpMethod.Post, "/api-deployer/deployments/{deploymentId}/actions/update", "d1");

    [Fact]
    public async Task A_bodyless_post_dropped_on_a_reused_connection_reaches_the_server_once()
    {
        await using var server = DroppingPosts();
        using var client = For(server, maxRetries: 0);
        // The read leaves a kept-alive connection in the pool, which the POST then goes out on.
        await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        var error = await Assert.ThrowsAsync<DssOutcomeUnknownException>(() =>
            client.Pipeline.SendOnceForJsonAsync(StartUpdate(), "the last update of deployment d1", default));

        Assert.Single(server.Requests, request => request.Method == "POST");
        Assert.Equal(1, server.Requests.First(request => request.Method == "POST").Connection);
        Assert.Contains("Check the last update of deployment d1", error.Message);
    }

    [Fact]
    public async Task A_creation_the_client_retries_reaches_the_server_once_per_attempt()
    {
        await using var server = DroppingPosts(readAnswer: """{"errorType":"NotFound","message":"no such package"}""", readStatus: 404);
        using var client = For(server, maxRetries: 2);
        await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/packages/", "P", "svc"), default));

        await Assert.ThrowsAsync<DssConnectionException>(() => client.Pipeline.SendOnceAsync(
            () => new DssRequest(HttpMethod.Post, "/projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}", "P", "svc", "v1"),
            token => client.Pipeline.ExistsAsync(new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}", "P", "svc", "v1"), token),
            "whether package v1 exists", default));

        // Three attempts (the first and two retries), each checked with a read before the next.
        Assert.Equal(3, server.Requests.Count(request => request.Method == "POST"));
    }
}
