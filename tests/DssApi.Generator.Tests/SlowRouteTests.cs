using DssApi.Generator.Tests.Live;
using DssApi.Tests.Infrastructure;

namespace DssApi.Generator.Tests;

/// <summary>
/// Routes where DSS builds something inside the request get the slow-route timeout per attempt.
/// The loopback server answers them later than the client's (short) default timeout but well
/// within the slow one; the tests count requests, never time them.
/// </summary>
public sealed class SlowRouteTests
{
    private static readonly TimeSpan BuildTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_package_build_outlasting_the_default_timeout_is_sent_once_and_succeeds()
    {
        var built = false;
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.Method == "POST")
            {
                await Task.Delay(BuildTime);
                built = true;
                await LoopbackServer.RespondJson(context, "{}");
                return;
            }

            // the creation check: the package is listed once built
            await LoopbackServer.RespondJson(context, built ? """[{ "id": "v1" }]""" : "[]");
        });
        using var client = CreateClient(server, slowRouteTimeout: null, maxRetries: 3);

        await client.GetProject("P").GetApiService("s").CreatePackageAsync("v1");

        Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.DoesNotContain(server.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task The_slow_route_timeout_of_the_options_replaces_the_schemas()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            await Task.Delay(BuildTime * 2);
            await LoopbackServer.RespondJson(context, """{ "responses": [] }""");
        });
        using var client = CreateClient(server, slowRouteTimeout: TimeSpan.FromMilliseconds(300), maxRetries: 0);

        var failure = await Assert.ThrowsAsync<DssTimeoutException>(() => client.GetApiDeployer().GetDeployment("d").RunTestQueriesAsync());

        Assert.Contains("timed out after 0.3 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_routes_keep_the_default_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            await Task.Delay(BuildTime);
            await LoopbackServer.RespondJson(context, "[]");
        });
        using var client = CreateClient(server, slowRouteTimeout: null, maxRetries: 0);

        await Assert.ThrowsAsync<DssTimeoutException>(() => client.GetProject("P").GetApiService("s").ListPackagesAsync());
    }

    private static DssClient CreateClient(LoopbackServer server, TimeSpan? slowRouteTimeout, int maxRetries)
    {
        var options = new DssClientOptions
        {
            Url = server.Url,
            ApiKey = "secret-key",
            HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
            Timeout = ShortTimeout,
            SlowRouteTimeout = slowRouteTimeout,
        };
        options.Retry.MaxRetries = maxRetries;
        return new DssClient(options);
    }
}
