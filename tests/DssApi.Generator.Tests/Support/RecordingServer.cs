using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DssApi.Generator.Tests.Support;

/// <summary>One request as it arrived: the target decoded for reading, and the body text.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string Body, string? ContentType)
{
    /// <summary>"METHOD path?query" with the query decoded, as the tests write expectations.</summary>
    public string Line => $"{Method} {Path}{Query}";
}

/// <summary>A loopback HTTP server that records every request and answers with canned bodies.</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<(string Method, string PathSuffix, string Body)> _replies = new();

    private RecordingServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>The body answered to <paramref name="method"/> on a path ending with <paramref name="pathSuffix"/> (default: <c>{}</c>).</summary>
    public void Reply(string method, string pathSuffix, string body) => _replies.Enqueue((method, pathSuffix, body));

    public DssClient CreateClient() => new(new DssClientOptions
    {
        Url = new Uri(Url),
        ApiKey = "secret-key",
        HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
    });

    public DssApiNodeClient CreateNodeClient(string serviceId) => new(new DssApiNodeClientOptions
    {
        Url = new Uri(Url),
        ServiceId = serviceId,
        ApiKey = "secret-key",
        HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
    });

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? string.Empty : Uri.UnescapeDataString(target[queryStart..]);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(context.Request.Method, path, query, body, context.Request.ContentType));

        var reply = _replies
            .Where(r => r.Method == context.Request.Method && path.EndsWith(r.PathSuffix, StringComparison.Ordinal))
            .Select(r => r.Body)
            .FirstOrDefault() ?? "{}";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
