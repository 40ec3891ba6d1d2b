using System.Collections.Concurrent;
using DssApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DssApi.Generator.Tests.Support;

/// <summary>A request as the wire tests read it: <c>"METHOD path?query"</c> with the query decoded, and the body text.</summary>
internal sealed record WireRequest(string Line, string Body, string? ContentType);

/// <summary>A loopback server that records every request and answers with canned bodies.</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, string PathSuffix, string Body)> _replies = new();
    private LoopbackServer _server = null!;

    public IReadOnlyList<WireRequest> Requests => _server.Requests
        .Select(request => new WireRequest($"{request.Method} {request.RawPath}{Uri.UnescapeDataString(request.QueryString)}", request.BodyText, request.ContentType))
        .ToList();

    public static async Task<RecordingServer> StartAsync()
    {
        var recording = new RecordingServer();
        recording._server = await LoopbackServer.StartAsync(recording.ReplyAsync);
        return recording;
    }

    /// <summary>The body answered to <paramref name="method"/> on a path ending with <paramref name="pathSuffix"/> (default: <c>{}</c>).</summary>
    public void Reply(string method, string pathSuffix, string body) => _replies.Enqueue((method, pathSuffix, body));

    public DssClient CreateClient(Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) => new(new DssClientOptions
    {
        Url = _server.Url,
        ApiKey = "secret-key",
        HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
        LoggerFactory = loggerFactory,
    });

    public DssApiNodeClient CreateNodeClient(string serviceId) => new(new DssApiNodeClientOptions
    {
        Url = _server.Url,
        ServiceId = serviceId,
        ApiKey = "secret-key",
        HttpMessageHandler = new SocketsHttpHandler { UseProxy = false },
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task ReplyAsync(RecordedRequest request, HttpContext context)
    {
        var reply = _replies
            .Where(r => r.Method == request.Method && request.RawPath.EndsWith(r.PathSuffix, StringComparison.Ordinal))
            .Select(r => r.Body)
            .FirstOrDefault() ?? "{}";
        return LoopbackServer.RespondJson(context, reply);
    }
}
