using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using DssApi.Tests.Infrastructure;
using DssApi.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DssApi.Tests.Operability;

/// <summary>AddDssClient reads appsettings.json: every option, named clients, misspelled keys, and reloads.</summary>
public sealed class ConfigurationBindingTests : IDisposable
{
    /// <summary>The options that are objects only code can make; every other public option must be readable from configuration.</summary>
    private static readonly string[] CodeOnlyOptions = ["HttpClient", "HttpMessageHandler", "LoggerFactory", "ClientCertificate"];

    private readonly string _folder = Directory.CreateTempSubdirectory("dssapi-config-").FullName;

    private string SettingsFile => Path.Combine(_folder, "appsettings.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Replaces appsettings.json in one step, so that a reload never reads it half written.</summary>
    private void WriteSettings(JsonObject settings)
    {
        var next = Path.Combine(_folder, "appsettings.next");
        File.WriteAllText(next, settings.ToJsonString());
        File.Move(next, SettingsFile, overwrite: true);
    }

    private IHost Build(Action<IHostApplicationBuilder> register, CapturingLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(SettingsFile, optional: false, reloadOnChange: true);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        register(builder);
        return builder.Build();
    }

    private static string Basic(string key) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));

    private static Task SendAsync(DssClient client) =>
        client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

    /// <summary>What a public option is set to in the file, and how to read it back from the options.</summary>
    private sealed record Setting(string Key, object Expected, Func<DssClientOptions, object?> Read);

    /// <summary>Gives every public option of <paramref name="type"/> (and of its nested option groups) a value
    /// that is not its default, in <paramref name="json"/>; an option of a type without a test value fails.</summary>
    private static void SetEveryOption(Type type, JsonObject json, string path, Func<DssClientOptions, object> owner, List<Setting> settings)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !CodeOnlyOptions.Contains(p.Name)))
        {
            var n = settings.Count + 1;
            var key = $"{path}:{property.Name}";
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? Read(DssClientOptions options) => property.GetValue(owner(options));
            if (valueType == typeof(DssRetryOptions) || valueType == typeof(DssFuturePollingOptions))
            {
                var group = new JsonObject();
                json[property.Name] = group;
                SetEveryOption(valueType, group, key, options => Read(options)!, settings);
                continue;
            }

            (JsonNode Json, object Expected, Func<DssClientOptions, object?> Read) value = valueType switch
            {
                _ when valueType == typeof(Uri) => ($"https://dss-{n}.example.com:11200/", new Uri($"https://dss-{n}.example.com:11200/"), Read),
                _ when valueType == typeof(DssSecret) => ($"secret-{n}", $"secret-{n}", options => ((DssSecret?)Read(options))?.Reveal()),
                _ when valueType == typeof(TimeSpan) => (TimeSpan.FromMilliseconds(1001 * n).ToString("c"), TimeSpan.FromMilliseconds(1001 * n), Read),
                _ when valueType == typeof(int) => (1000 + n, 1000 + n, Read),
                _ when valueType == typeof(double) => (n + 0.25, n + 0.25, Read),
                _ when valueType == typeof(bool) => (!(bool)Read(new DssClientOptions())!, !(bool)Read(new DssClientOptions())!, Read),
                _ when valueType == typeof(string) => ($"value-{n}", $"value-{n}", Read),
                _ when valueType == typeof(IDictionary<string, string>) => (new JsonObject { [$"X-Option-{n}"] = $"header-{n}" },
                    $"X-Option-{n}=header-{n}", options => string.Join(",", ((IDictionary<string, string>)Read(options)!).Select(h => $"{h.Key}={h.Value}"))),
                _ => throw new InvalidOperationException($"{key} is of type {valueType}, which this test has no value for: add one."),
            };
            Assert.NotEqual(value.Expected, value.Read(new DssClientOptions()));
            json[property.Name] = value.Json;
            settings.Add(new Setting(key, value.Expected, value.Read));
        }
    }

    [Fact]
    public void Every_public_option_can_be_set_from_appsettings_json()
    {
        var section = new JsonObject();
        var settings = new List<Setting>();
        SetEveryOption(typeof(DssClientOptions), section, "DssApi", options => options, settings);
        WriteSettings(new JsonObject { ["DssApi"] = section });
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration));

        var options = host.Services.GetRequiredService<IOptionsMonitor<DssClientOptions>>().CurrentValue;

        Assert.Contains(settings, setting => setting.Key == "DssApi:FuturePolling:Multiplier");
        Assert.Contains(settings, setting => setting.Key == "DssApi:Retry:MaxDelay");
        Assert.All(settings, setting => Assert.True(Equals(setting.Expected, setting.Read(options)),
            $"{setting.Key}: expected {setting.Expected}, read {setting.Read(options)}"));
    }

    [Theory]
    [InlineData("00:00:00.250", 250)]
    [InlineData("00:02", 120_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    [InlineData("-00:00:00.001", -1)] // Timeout.InfiniteTimeSpan: wait forever
    public void Time_spans_are_read_in_the_invariant_dotnet_format(string text, double milliseconds)
    {
        WriteSettings(new JsonObject
        {
            ["DssApi"] = new JsonObject
            {
                ["Url"] = "http://127.0.0.1:1", ["ApiKey"] = "k", ["FuturePolling"] = new JsonObject { ["DefaultTimeout"] = text },
            },
        });
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration));

        var options = host.Services.GetRequiredService<IOptionsMonitor<DssClientOptions>>().Get(Options.DefaultName);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.FuturePolling.DefaultTimeout);
    }

    [Fact]
    public async Task A_misspelled_key_fails_at_start_up_naming_it_its_path_and_the_closest_option()
    {
        WriteSettings(JsonNode.Parse("""
            { "DssApi": { "Url": "http://127.0.0.1:1", "ApiKye": "s3cr3t-from-config", "Retry": { "MaxRetry": 5 }, "ExtraHeaders": { "X-Any-Name": "v" } } }
            """)!.AsObject());
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Unknown DSS client option 'ApiKye' at configuration path 'DssApi:ApiKye': did you mean 'ApiKey' (DssApi:ApiKey)?", error.Message);
        Assert.Contains("Unknown DSS client option 'MaxRetry' at configuration path 'DssApi:Retry:MaxRetry': did you mean 'MaxRetries' (DssApi:Retry:MaxRetries)?",
            error.Message);
        Assert.DoesNotContain("X-Any-Name", error.Message);
        Assert.DoesNotContain("s3cr3t-from-config", error.ToString());
    }

    [Fact]
    public void A_value_that_cannot_be_read_names_its_path()
    {
        WriteSettings(JsonNode.Parse("""{ "DssApi": { "Url": "http://127.0.0.1:1", "ApiKey": "k", "Retry": { "MaxDelay": "soon" } } }""")!.AsObject());
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<DssClientOptions>>().Value);

        Assert.Contains("at 'DssApi:Retry:MaxDelay' to type 'System.TimeSpan'", error.Message);
    }

    [Fact]
    public async Task Named_clients_each_reach_their_own_dss_with_their_own_key_and_options()
    {
        await using var prod = await LoopbackServer.StartAsync(200, "application/json", "[]");
        await using var test = await LoopbackServer.StartAsync(200, "application/json", "[]");
        WriteSettings(new JsonObject
        {
            ["Dss"] = new JsonObject
            {
                ["Prod"] = new JsonObject { ["Url"] = prod.Url.ToString(), ["ApiKey"] = "prod-key", ["Retry"] = new JsonObject { ["MaxRetries"] = 5 } },
                ["Test"] = new JsonObject { ["Url"] = test.Url.ToString(), ["ApiKey"] = "test-key", ["Retry"] = new JsonObject { ["MaxRetries"] = 1 } },
            },
        });
        using var host = Build(builder =>
        {
            // A handler added to one client's HttpClient is in that client's requests only.
            builder.Services.AddDssClient("prod", builder.Configuration.GetSection("Dss:Prod"))
                .AddHttpMessageHandler(() => new HeaderAddingHandler("X-Via", "prod-http-client"));
            builder.Services.AddDssClient("test", builder.Configuration.GetSection("Dss:Test"));
        });
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IDssClientFactory>();

        await SendAsync(factory.CreateClient("prod"));
        await SendAsync(host.Services.GetRequiredKeyedService<DssClient>("test"));
        await SendAsync(factory.CreateClient("test"));

        var prodRequest = Assert.Single(prod.Requests);
        Assert.Equal((Basic("prod-key"), "prod-http-client"), (prodRequest.Headers["Authorization"], prodRequest.Headers["X-Via"]));
        Assert.All(test.Requests, request => Assert.Equal(Basic("test-key"), request.Headers["Authorization"]));
        Assert.All(test.Requests, request => Assert.False(request.Headers.ContainsKey("X-Via")));
        Assert.Equal(2, test.Requests.Count);
        Assert.Same(factory.CreateClient("prod"), host.Services.GetRequiredKeyedService<DssClient>("prod"));
        Assert.Null(host.Services.GetService<DssClient>());
        var options = host.Services.GetRequiredService<IOptionsMonitor<DssClientOptions>>();
        Assert.Equal((5, 1), (options.Get("prod").Retry.MaxRetries, options.Get("test").Retry.MaxRetries));
        var unknown = Assert.Throws<InvalidOperationException>(() => factory.CreateClient("staging"));
        Assert.Equal("No DSS client named 'staging' is registered; registered with AddDssClient: 'prod', 'test'.", unknown.Message);
        await host.StopAsync();
    }

    private sealed class HeaderAddingHandler(string name, string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task A_named_client_names_its_own_section_in_validation_errors()
    {
        WriteSettings(JsonNode.Parse("""{ "Dss": { "Prod": { "Timeout": "-00:00:05" } } }""")!.AsObject());
        using var host = Build(builder => builder.Services.AddDssClient("prod", builder.Configuration.GetSection("Dss:Prod")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Dss:Prod:Url is required", error.Message);
        Assert.Contains("Dss:Prod:ApiKey is required", error.Message);
        Assert.Contains("Dss:Prod:Timeout must be positive", error.Message);
    }

    /// <summary>Rewrites appsettings.json and returns once the client's options were read again.</summary>
    private async Task ReloadAsync(IHost host, JsonObject settings, Func<DssClientOptions, bool> reloaded)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = host.Services.GetRequiredService<IOptionsMonitor<DssClientOptions>>().OnChange(options =>
        {
            if (reloaded(options))
            {
                seen.TrySetResult();
            }
        });
        WriteSettings(settings);
        // A guard against a hang only: the file watcher reports the edit well before.
        await seen.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Edited_retries_and_polling_apply_to_the_live_client_without_a_restart()
    {
        await using var server = await LoopbackServer.StartAsync(503, "application/json", """{"errorType":"Busy","message":"try later"}""");
        JsonObject Settings(int retries, string initialDelay) => new()
        {
            ["DssApi"] = new JsonObject
            {
                ["Url"] = server.Url.ToString(),
                ["ApiKey"] = "k",
                ["Retry"] = new JsonObject { ["MaxRetries"] = retries, ["BaseDelay"] = "00:00:00.001", ["MaxDelay"] = "00:00:00.001" },
                ["FuturePolling"] = new JsonObject { ["InitialDelay"] = initialDelay },
            },
        };
        WriteSettings(Settings(retries: 0, initialDelay: "00:00:01"));
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration));
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DssClient>();
        await Assert.ThrowsAsync<DssApiException>(() => SendAsync(client));
        Assert.Single(server.Requests);

        await ReloadAsync(host, Settings(retries: 2, initialDelay: "00:00:03"), options => options.Retry.MaxRetries == 2);
        server.Requests.Clear();
        await Assert.ThrowsAsync<DssApiException>(() => SendAsync(client));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), client.FuturePolling.InitialDelay);
        Assert.Same(client, host.Services.GetRequiredService<DssClient>());
        await host.StopAsync();
    }

    [Fact]
    public async Task An_edited_url_or_key_is_logged_as_needing_a_new_client_and_the_live_client_keeps_its_connection()
    {
        await using var first = await LoopbackServer.StartAsync(200, "application/json", "[]");
        await using var second = await LoopbackServer.StartAsync(200, "application/json", "[]");
        JsonObject Settings(Uri url, string key) => new() { ["DssApi"] = new JsonObject { ["Url"] = url.ToString(), ["ApiKey"] = key } };
        WriteSettings(Settings(first.Url, "first-key"));
        var logs = new CapturingLoggerProvider();
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration), logs);
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DssClient>();

        await ReloadAsync(host, Settings(second.Url, "second-key-value"), options => options.Url == second.Url);
        await SendAsync(client);

        Assert.Equal(Basic("first-key"), Assert.Single(first.Requests).Headers["Authorization"]);
        Assert.Empty(second.Requests);
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains("DssApi:Url, DssApi:ApiKey") && entry.Message.Contains("restart the application"));
        Assert.DoesNotContain("second-key-value", logs.AllText);
        Assert.DoesNotContain("first-key", logs.AllText);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_edit_that_cannot_be_applied_is_logged_and_the_live_client_keeps_its_settings()
    {
        await using var server = await LoopbackServer.StartAsync(503, "application/json", """{"errorType":"Busy","message":"try later"}""");
        JsonObject Settings(string retryKey) => new()
        {
            ["DssApi"] = new JsonObject
            {
                ["Url"] = server.Url.ToString(),
                ["ApiKey"] = "edited-key-value",
                ["Retry"] = new JsonObject { [retryKey] = 1, ["BaseDelay"] = "00:00:00.001", ["MaxDelay"] = "00:00:00.001" },
            },
        };
        WriteSettings(Settings("MaxRetries"));
        var logs = new CapturingLoggerProvider();
        using var host = Build(builder => builder.Services.AddDssClient(builder.Configuration), logs);
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DssClient>();

        WriteSettings(Settings("MaxRetrys"));
        var rejected = await EventuallyAsync(() => logs.Entries.FirstOrDefault(entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains("edited but not applied")));
        await Assert.ThrowsAsync<DssApiException>(() => SendAsync(client));

        Assert.Contains("'MaxRetrys' at configuration path 'DssApi:Retry:MaxRetrys': did you mean 'MaxRetries'", rejected.Message);
        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain("edited-key-value", logs.AllText);
        await host.StopAsync();
    }

    /// <summary>Waits for what a file watcher reports on its own thread.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<T?> find) where T : class
    {
        // A guard against a hang only: the file watcher reports the edit well before.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        T? found;
        while ((found = find()) is null)
        {
            await Task.Delay(20, guard.Token);
        }

        return found;
    }
}
