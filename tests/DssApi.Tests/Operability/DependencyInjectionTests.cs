using DssApi.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DssApi.Tests.Operability;

public class DependencyInjectionTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDssClient(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task The_client_is_built_from_configuration_over_the_http_client_factory()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "[]");
        using var host = Build(new()
        {
            ["DssApi:Url"] = server.Url.ToString(),
            ["DssApi:ApiKey"] = "KEY",
            ["DssApi:Timeout"] = "00:00:05",
            ["DssApi:SlowRouteTimeout"] = "00:20:00",
            ["DssApi:ExtraHeaders:X-Team"] = "ml-platform",
            ["DssApi:Retry:MaxRetries"] = "1",
        });
        await host.StartAsync();

        var client = host.Services.GetRequiredService<DssClient>();
        await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        Assert.Same(client, host.Services.GetRequiredService<DssClient>());
        var request = Assert.Single(server.Requests);
        Assert.Equal("Basic S0VZOg==", request.Headers["Authorization"]);
        Assert.Equal("ml-platform", request.Headers["X-Team"]);
        var options = host.Services.GetRequiredService<IOptions<DssClientOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(20), 1), (options.Timeout, options.SlowRouteTimeout, options.Retry.MaxRetries));
        await host.StopAsync();
    }

    [Fact]
    public async Task Missing_settings_fail_at_start_up_naming_each_problem()
    {
        using var host = Build(new()
        {
            ["DssApi:Timeout"] = "-00:00:01",
            ["DssApi:SlowRouteTimeout"] = "00:00:00",
            ["DssApi:Retry:BaseDelay"] = "-00:00:02",
            ["DssApi:FuturePolling:InitialDelay"] = "-00:00:03",
            ["DssApi:FuturePolling:Multiplier"] = "0.5",
            ["DssApi:FuturePolling:DefaultTimeout"] = "00:00:00",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DssApi:Url is required", error.Message);
        Assert.Contains("DssApi:ApiKey is required", error.Message);
        Assert.Contains("DssApi:Timeout must be positive", error.Message);
        Assert.Contains("DssApi:SlowRouteTimeout must be positive, not 00:00:00", error.Message);
        Assert.Contains("DssApi:Retry:BaseDelay must be 0 or more, not -00:00:02", error.Message);
        Assert.Contains("DssApi:FuturePolling:InitialDelay must be 0 or more, not -00:00:03", error.Message);
        Assert.Contains("DssApi:FuturePolling:Multiplier must be 1 or more, not 0.5", error.Message);
        Assert.Contains("DssApi:FuturePolling:DefaultTimeout must be positive, not 00:00:00", error.Message);
    }
}
