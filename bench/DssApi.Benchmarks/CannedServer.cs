using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DssApi.Benchmarks;

/// <summary>
/// A loopback server that answers canned bytes, so a benchmark measures the client, not the server:
/// <c>/dip/publicapi/download/{bytes}</c> streams that many bytes from one buffer, and
/// <c>/dip/publicapi/projects/{projectKey}/apiservices/{serviceId}/settings</c> answers canned settings, and
/// <c>/dip/publicapi/futures/{jobId}</c> runs jobs that finish a set time after they are registered, and
/// <c>/public/api/v1/{serviceId}/{endpointId}/predict</c> answers a canned prediction.
/// </summary>
public sealed class CannedServer : IAsyncDisposable
{
    private static readonly byte[] Chunk = CreateChunk();
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (long StartedAt, TimeSpan Length)> _jobs = new();

    private CannedServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>What <c>GET .../apiservices/{serviceId}/settings</c> answers; a PUT there answers 200.</summary>
    public byte[] ServiceSettings { get; set; } = [];

    /// <summary>What <c>POST /public/api/v1/{serviceId}/{endpointId}/predict</c> answers.</summary>
    public byte[] Prediction { get; set; } = [];

    /// <summary>Requests received on the futures route.</summary>
    public int FutureRequests;

    public static async Task<CannedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new CannedServer(app);
        app.Run(server.Handle);
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return server;
    }

    /// <summary>Registers a job that finishes <paramref name="length"/> from now.</summary>
    public void AddJob(string id, TimeSpan length) => _jobs[id] = (Stopwatch.GetTimestamp(), length);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["dip", "publicapi", "download", var size]:
                await Stream(context, long.Parse(size));
                break;
            case ["dip", "publicapi", "projects", _, "apiservices", _, "settings"] when context.Request.Method == "GET":
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = ServiceSettings.Length;
                await context.Response.Body.WriteAsync(ServiceSettings);
                break;
            case ["dip", "publicapi", "projects", _, "apiservices", _, "settings"]:
                await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
                break;
            case ["public", "api", "v1", _, _, "predict"]:
                await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = Prediction.Length;
                await context.Response.Body.WriteAsync(Prediction);
                break;
            case ["dip", "publicapi", "futures", var jobId]:
                Interlocked.Increment(ref FutureRequests);
                await Future(context, jobId);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private static async Task Stream(HttpContext context, long length)
    {
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = length;
        for (long sent = 0; sent < length; sent += Chunk.Length)
        {
            await context.Response.Body.WriteAsync(Chunk.AsMemory(0, (int)Math.Min(Chunk.Length, length - sent)));
        }
    }

    private async Task Future(HttpContext context, string jobId)
    {
        var (startedAt, length) = _jobs[jobId];
        var done = Stopwatch.GetElapsedTime(startedAt) >= length;
        var state = new JsonObject { ["jobId"] = jobId, ["alive"] = !done, ["hasResult"] = done, ["aborted"] = false };
        if (done && context.Request.Query["peek"] == "false")
        {
            _jobs.TryRemove(jobId, out _);
            state.Remove("jobId");
            state["result"] = new JsonObject { ["nbOKNodes"] = 1 };
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(state.ToJsonString());
    }

    private static byte[] CreateChunk()
    {
        var chunk = new byte[1024 * 1024];
        new Random(42).NextBytes(chunk);
        return chunk;
    }
}
