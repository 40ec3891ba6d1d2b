using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>
/// An HTTP client holding the admin key of an emulator (in-process on a free loopback port, or another
/// process), with the flows tests repeat.
/// </summary>
internal sealed class TestDss : IAsyncDisposable
{
    public const string PublicApi = "/dip/publicapi/";

    private readonly DssEmulator? _emulator;

    private TestDss(string url, string apiKey, string project, DssEmulator? emulator)
    {
        _emulator = emulator;
        Url = url;
        Project = project;
        Http = NewClient(url, apiKey);
    }

    /// <summary>The in-process emulator (not available when connected to another process).</summary>
    public DssEmulator Emulator => _emulator ?? throw new InvalidOperationException("This client is connected to an emulator process");

    public string Url { get; }

    public HttpClient Http { get; }

    public string Project { get; }

    public static async Task<TestDss> StartAsync(DssEmulatorOptions? options = null)
    {
        var emulator = await DssEmulator.StartAsync(options ?? new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(20) });
        return new TestDss(emulator.Url, emulator.AdminApiKey, emulator.DemoProjectKey, emulator);
    }

    /// <summary>A client of an emulator running elsewhere; disposing it leaves that emulator running.</summary>
    public static TestDss Connect(string url, string apiKey, string project) => new(url, apiKey, project, null);

    /// <summary>A client that bypasses any proxy and sends the key as the Python client does (Basic, key as user name).</summary>
    public static HttpClient NewClient(string baseUrl, string? apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(baseUrl) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = Basic(apiKey + ":");
        }

        return client;
    }

    public static AuthenticationHeaderValue Basic(string userAndPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword)));

    /// <summary>Sends a request to the public API; a JSON body goes out as text/plain, since DSS must not care.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null) =>
        Http.SendAsync(new HttpRequestMessage(method, PublicApi + path) { Content = body is null ? null : new StringContent(body) });

    public async Task<JsonNode> GetJsonAsync(string path) => await ReadJsonAsync(await SendAsync(HttpMethod.Get, path));

    public async Task<JsonNode> SendJsonAsync(HttpMethod method, string path, string? body = null) =>
        await ReadJsonAsync(await SendAsync(method, path, body));

    public async Task SendOkAsync(HttpMethod method, string path, string? body = null)
    {
        using var response = await SendAsync(method, path, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a DSS error: status, Java exception class, and a message naming the problem.</summary>
    public static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorType, string messagePart)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(errorType, error["errorType"]!.GetValue<string>());
        Assert.Contains(messagePart, error["message"]!.GetValue<string>());
        Assert.Equal(error["message"]!.GetValue<string>(), error["detailedMessage"]!.GetValue<string>());
        return error;
    }

    public static string Escape(string id) => Uri.EscapeDataString(id);

    /// <summary>Creates an API service with the given endpoints (and optional extra settings), returning its settings path.</summary>
    public async Task<string> CreateServiceAsync(string serviceId, JsonArray endpoints, Action<JsonObject>? edit = null)
    {
        var path = $"projects/{Project}/apiservices/{Escape(serviceId)}";
        await SendOkAsync(HttpMethod.Post, path);
        var settings = (await GetJsonAsync(path + "/settings")).AsObject();
        settings["endpoints"] = endpoints;
        edit?.Invoke(settings);
        await SendOkAsync(HttpMethod.Put, path + "/settings", settings.ToJsonString());
        return path;
    }

    public static JsonObject Endpoint(string id, string type, string? modelRef = null) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["modelRef"] = modelRef,
    };

    public Task CreatePackageAsync(string serviceId, string packageId) =>
        SendOkAsync(HttpMethod.Post, $"projects/{Project}/apiservices/{Escape(serviceId)}/packages/{Escape(packageId)}");

    public Task PublishAsync(string serviceId, string packageId) =>
        SendOkAsync(HttpMethod.Post, $"projects/{Project}/apiservices/{Escape(serviceId)}/packages/{Escape(packageId)}/publish");

    /// <summary>A STATIC infrastructure whose only API node is this emulator (or the given URLs).</summary>
    public async Task CreateStaticInfraAsync(string infraId, params string[] apiNodeUrls)
    {
        var settings = (await SendJsonAsync(HttpMethod.Post, "api-deployer/infras",
            new JsonObject { ["id"] = infraId, ["stage"] = "Development", ["type"] = "STATIC" }.ToJsonString())).AsObject();
        settings["apiNodes"] = new JsonArray((apiNodeUrls.Length == 0 ? [Url] : apiNodeUrls)
            .Select(url => (JsonNode)new JsonObject { ["url"] = url, ["adminAPIKey"] = "node-admin-key" }).ToArray());
        await SendOkAsync(HttpMethod.Put, $"api-deployer/infras/{Escape(infraId)}/settings", settings.ToJsonString());
    }

    public Task<JsonNode> CreateDeploymentAsync(string deploymentId, string serviceId, string infraId, string version) =>
        SendJsonAsync(HttpMethod.Post, "api-deployer/deployments", new JsonObject
        {
            ["deploymentId"] = deploymentId,
            ["publishedServiceId"] = serviceId,
            ["infraId"] = infraId,
            ["version"] = version,
            ["endpointId"] = null,
        }.ToJsonString());

    /// <summary>Starts an update and polls its future with consuming reads until it has a result.</summary>
    public async Task<JsonObject> UpdateAsync(string deploymentId)
    {
        var future = (await SendJsonAsync(HttpMethod.Post, $"api-deployer/deployments/{Escape(deploymentId)}/actions/update")).AsObject();
        return await UpdateFinishedAsync(future["jobId"]!.GetValue<string>());
    }

    /// <summary>Polls a future with consuming reads until it has a result.</summary>
    public async Task<JsonObject> UpdateFinishedAsync(string jobId)
    {
        while (true)
        {
            var state = (await GetJsonAsync($"futures/{jobId}?peek=False")).AsObject();
            if (state["hasResult"]!.GetValue<bool>())
            {
                return state;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Polls a future with consuming reads until the read fails, and returns that failed response.</summary>
    public async Task<HttpResponseMessage> ConsumeFailureAsync(string jobId)
    {
        while (true)
        {
            var response = await SendAsync(HttpMethod.Get, $"futures/{jobId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Designs, packages and publishes <paramref name="serviceId"/> as version v1, and creates a STATIC
    /// infrastructure <c>infra-{serviceId}</c> whose API node is this emulator (or <paramref name="apiNodeUrl"/>).
    /// </summary>
    public async Task PublishWithInfraAsync(string serviceId, JsonArray endpoints, Action<JsonObject>? edit = null, string? apiNodeUrl = null)
    {
        await CreateServiceAsync(serviceId, endpoints, edit);
        await CreatePackageAsync(serviceId, "v1");
        await PublishAsync(serviceId, "v1");
        await CreateStaticInfraAsync("infra-" + serviceId, apiNodeUrl ?? Url);
    }

    /// <summary><see cref="PublishWithInfraAsync"/>, then deployment <c>dep-{serviceId}</c> of v1, not yet updated.</summary>
    public async Task PrepareDeploymentAsync(string serviceId, JsonArray endpoints, Action<JsonObject>? edit = null, string? apiNodeUrl = null)
    {
        await PublishWithInfraAsync(serviceId, endpoints, edit, apiNodeUrl);
        await CreateDeploymentAsync("dep-" + serviceId, serviceId, "infra-" + serviceId, "v1");
    }

    /// <summary>The quickstart flow: <see cref="PrepareDeploymentAsync"/>, then an update waited for.</summary>
    public async Task DeployAsync(string serviceId, JsonArray endpoints, Action<JsonObject>? edit = null)
    {
        await PrepareDeploymentAsync(serviceId, endpoints, edit);
        await UpdateAsync("dep-" + serviceId);
    }

    /// <summary>Posts a query to the API node user API.</summary>
    public Task<HttpResponseMessage> QueryAsync(string serviceId, string endpointId, string verb, JsonObject? body, HttpClient? client = null) =>
        (client ?? Http).PostAsync($"/public/api/v1/{Escape(serviceId)}/{Escape(endpointId)}/{verb}",
            body is null ? null : new StringContent(body.ToJsonString()));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
