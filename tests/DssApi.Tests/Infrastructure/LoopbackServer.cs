using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DssApi.Tests.Infrastructure;

/// <summary>A request as the server received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    string RawPath,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>The raw path's segments, still percent-encoded.</summary>
    public string[] RawSegments => RawPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, port 0) that records every request and
/// answers with the test's handler.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <param name="handler">Answers each request.</param>
    /// <param name="certificate">When given, the server speaks HTTPS with it.</param>
    public static async Task<LoopbackServer> StartAsync(Func<RecordedRequest, HttpContext, Task> handler, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            var recorded = await RecordAsync(context);
            server!.Requests.Enqueue(recorded);
            await handler(recorded, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new LoopbackServer(app, new Uri(address));
        return server;
    }

    /// <summary>A server that answers every request with the same status, content type and body.</summary>
    public static Task<LoopbackServer> StartAsync(int status, string? contentType = null, string body = "") =>
        StartAsync((_, context) => Respond(context, status, contentType, body));

    public static async Task Respond(HttpContext context, int status, string? contentType, string body)
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        if (body.Length > 0)
        {
            await context.Response.WriteAsync(body);
        }
    }

    public static Task RespondJson(HttpContext context, string json, int status = 200) =>
        Respond(context, status, "application/json", json);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        // Handlers may read the body again (a form, for instance).
        context.Request.Body = new MemoryStream(body.ToArray());
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?');
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(
            context.Request.Method,
            rawTarget,
            queryStart < 0 ? rawTarget : rawTarget[..queryStart],
            queryStart < 0 ? string.Empty : rawTarget[queryStart..],
            headers,
            context.Request.ContentType,
            body.ToArray());
    }
}
