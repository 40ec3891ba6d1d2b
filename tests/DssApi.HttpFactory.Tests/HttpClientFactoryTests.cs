using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using DssApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DssApi.HttpFactory.Tests;

/// <summary>AddDssClient over IHttpClientFactory: its logging handlers write every request header at
/// Trace, yet none of the client's header values may reach a log; its HttpClient's own timeout must
/// neither cut the client's short nor surface as anything but a DSS timeout.</summary>
public class HttpClientFactoryTests
{
    private const string ApiKey = "s3cr3t-KEY-value";
    private const string TenantSecret = "tenant-header-secret";

    [Fact]
    public void The_tests_run_on_the_intended_version_of_the_http_client_factory()
    {
        var intended = typeof(HttpClientFactoryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "ExtensionsHttpVersion").Value!;
        var running = typeof(HttpClientFactoryServiceCollectionExtensions).Assembly.GetName().Version!;

        Assert.Equal(new Version(intended).Major, running.Major);
    }

    [Fact]
    public async Task Trace_logs_of_the_factory_name_the_headers_but_show_none_of_their_values()
    {
        await using var server = new RawLoopbackServer(_ => RawLoopbackServer.Response(200, "application/json", "[]"));
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddDssClient(options =>
        {
            options.Url = server.Url;
            options.ApiKey = ApiKey;
            options.ExtraHeaders["X-Tenant"] = TenantSecret;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<DssClient>().Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":"));
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Trace && entry.Message.Contains("Authorization"));
        Assert.Contains("X-Tenant", logs.AllText);
        Assert.DoesNotContain(ApiKey, logs.AllText);
        Assert.DoesNotContain(basic, logs.AllText);
        Assert.DoesNotContain(TenantSecret, logs.AllText);
    }

    [Fact]
    public void The_factory_client_leaves_timeouts_to_the_dss_client()
    {
        var services = new ServiceCollection();
        services.AddDssClient(options =>
        {
            options.Url = new Uri("http://127.0.0.1:1");
            options.ApiKey = ApiKey;
            options.Timeout = TimeSpan.FromMinutes(30);
        });
        services.AddDssClient("prod", options =>
        {
            options.Url = new Uri("http://127.0.0.1:2");
            options.ApiKey = ApiKey;
        });
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var http = factory.CreateClient(Microsoft.Extensions.DependencyInjection.DssApiServiceCollectionExtensions.HttpClientName);
        var named = factory.CreateClient("DssApi:prod");

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, named.Timeout);
    }

    [Fact]
    public async Task A_shorter_timeout_set_on_the_factory_client_is_still_a_dss_timeout()
    {
        await using var server = new RawLoopbackServer(_ => []);
        var services = new ServiceCollection();
        services.AddDssClient(options =>
        {
            options.Url = server.Url;
            options.ApiKey = ApiKey;
            options.Retry.MaxRetries = 0;
        }).ConfigureHttpClient(http => http.Timeout = TimeSpan.FromMilliseconds(200));
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<DssTimeoutException>(() =>
            provider.GetRequiredService<DssClient>().Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Equal("GET /dip/publicapi/api-deployer/stages timed out after 0.2 s (the HttpClient's own Timeout).", error.Message);
    }
}
