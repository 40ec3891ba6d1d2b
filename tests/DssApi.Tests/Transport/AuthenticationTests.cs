using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Transport;

public class AuthenticationTests
{
    [Fact]
    public async Task Sends_the_key_as_basic_user_name_with_an_empty_password()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = new DssClient(new DssClientOptions { Url = server.Url, ApiKey = "KEY" });

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        var request = Assert.Single(server.Requests);
        Assert.Equal("Basic S0VZOg==", request.Headers["Authorization"]);
        Assert.Equal("/dip/publicapi/api-deployer/stages", request.RawPath);
    }

    [Fact]
    public async Task Sends_extra_headers_and_the_user_agent()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = Clients.For(server, options =>
        {
            options.ExtraHeaders["X-Tenant"] = "blue";
            options.UserAgent = "pipeline/1.0";
        });

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        var request = Assert.Single(server.Requests);
        Assert.Equal("blue", request.Headers["X-Tenant"]);
        Assert.Equal("pipeline/1.0", request.Headers["User-Agent"]);
    }

    [Fact]
    public void The_key_never_shows_in_ToString_or_the_debugger_display()
    {
        DssSecret secret = Clients.ApiKey;
        var options = new DssClientOptions { Url = new Uri("http://127.0.0.1:1"), ApiKey = secret };
        using var client = new DssClient(options);

        Assert.Equal("***", secret.ToString());
        Assert.DoesNotContain(Clients.ApiKey, client.ToString());
        Assert.DoesNotContain(Clients.ApiKey, options.ApiKey!.ToString());
        var display = (System.Diagnostics.DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(DssSecret), typeof(System.Diagnostics.DebuggerDisplayAttribute))!;
        Assert.Equal("{ToString(),nq}", display.Value);
    }

    [Fact]
    public async Task The_key_never_shows_in_error_messages()
    {
        await using var server = await LoopbackServer.StartAsync(401, "application/json",
            """{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API key"}""");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/", "P"), default));

        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(Clients.ApiKey, error.ToString());
        Assert.DoesNotContain(Clients.ApiKey, error.Route);
    }

    [Fact]
    public async Task The_key_never_shows_in_connection_errors()
    {
        var closedPort = new Uri("http://127.0.0.1:" + FreePort());
        using var client = new DssClient(new DssClientOptions { Url = closedPort, ApiKey = Clients.ApiKey });

        var error = await Assert.ThrowsAsync<DssConnectionException>(() =>
            client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras/{infraId}", "prod"), default));

        Assert.Contains("GET /dip/publicapi/api-deployer/infras/prod", error.Message);
        Assert.DoesNotContain(Clients.ApiKey, error.ToString());
    }

    [Fact]
    public void A_client_without_key_or_url_is_refused_with_a_clear_error()
    {
        var noKey = Assert.Throws<ArgumentException>(() => new DssClient(new DssClientOptions { Url = new Uri("http://127.0.0.1:1") }));
        Assert.Contains("API key is required", noKey.Message);
        var noUrl = Assert.Throws<ArgumentException>(() => new DssClient(new DssClientOptions { ApiKey = "k" }));
        Assert.Contains("DssClientOptions.Url is required", noUrl.Message);
        var ftp = Assert.Throws<ArgumentException>(() => new DssClient(new DssClientOptions { Url = new Uri("ftp://host/"), ApiKey = "k" }));
        Assert.Contains("absolute http or https", ftp.Message);
        Assert.Throws<ArgumentException>(() => new DssSecret(" "));
    }

    [Fact]
    public void A_key_read_from_an_unset_variable_names_the_option_and_where_it_is_usually_read_from()
    {
        var unset = Environment.GetEnvironmentVariable("DSSAPI_TEST_VARIABLE_NEVER_SET");

        var fromOptions = Assert.Throws<ArgumentException>(() => new DssClient(new DssClientOptions { Url = new Uri("http://127.0.0.1:1"), ApiKey = unset }));
        var fromArguments = Assert.Throws<ArgumentException>(() => new DssClient("http://127.0.0.1:1", unset!));

        Assert.All(new[] { fromOptions, fromArguments }, error =>
        {
            Assert.Contains("An API key is required (DssClientOptions.ApiKey, or the apiKey argument)", error.Message);
            Assert.Contains("DSS_API_KEY environment variable", error.Message);
            Assert.Contains("DssApi:ApiKey configuration key", error.Message);
        });
    }

    [Fact]
    public void Tls_options_cannot_be_silently_ignored_with_a_custom_http_client()
    {
        using var http = new HttpClient();
        var error = Assert.Throws<ArgumentException>(() => new DssClient(new DssClientOptions
        {
            Url = new Uri("https://dss.example.com"),
            ApiKey = "k",
            HttpClient = http,
            DangerousAcceptAnyServerCertificate = true,
        }));
        Assert.Contains("configure TLS on it instead", error.Message);
    }

    [Fact]
    public async Task Api_node_client_queries_its_service_with_a_bearer_token_or_no_credential()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "{}");
        using var withToken = new DssApiNodeClient(new DssApiNodeClientOptions { Url = server.Url, ServiceId = "fraud v2", BearerToken = "jwt-token" });
        using var anonymous = new DssApiNodeClient(new DssApiNodeClientOptions { Url = server.Url, ServiceId = "public" });

        await withToken.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Post, "/{endpointId}/predict", "score"), default);
        await anonymous.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Post, "/{endpointId}/predict", "score"), default);

        var requests = server.Requests.ToArray();
        Assert.Equal("/public/api/v1/fraud%20v2/score/predict", requests[0].RawPath);
        Assert.Equal("Bearer jwt-token", requests[0].Headers["Authorization"]);
        Assert.False(requests[1].Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain("jwt-token", withToken.ToString());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
