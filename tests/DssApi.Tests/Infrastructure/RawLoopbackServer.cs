using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DssApi.Tests.Infrastructure;

/// <summary>An HTTP/1.1 server written on a bare socket on 127.0.0.1, for what a well-behaved
/// server never does: read a request and close the connection without a word, or answer bytes
/// chosen by the test. Connections are kept alive between answers.</summary>
public sealed class RawLoopbackServer : IAsyncDisposable
{
    /// <summary>A request line as the server read it, and which connection it came on.</summary>
    public sealed record RawRequest(string Method, string Target, int Connection);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawRequest, byte[]?> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    /// <param name="answer">The raw response to a request; null closes the connection without answering, an
    /// empty answer leaves the client waiting until it gives up.</param>
    public RawLoopbackServer(Func<RawRequest, byte[]?> answer)
    {
        _answer = answer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>A complete response with a body and a <c>Content-Length</c>, keeping the connection open.</summary>
    public static byte[] Response(int status, string contentType, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n" +
            string.Concat(headers.Select(header => header + "\r\n")) + "\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. bytes];
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(socket, Interlocked.Increment(ref _connections));
        }
    }

    private async Task ServeAsync(TcpClient socket, int connection)
    {
        using (socket)
        {
            var stream = socket.GetStream();
            try
            {
                while (await ReadRequestAsync(stream, connection) is { } request)
                {
                    Requests.Enqueue(request);
                    if (_answer(request) is not { } response)
                    {
                        return;
                    }

                    await stream.WriteAsync(response, _stop.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Reads the head up to the blank line, then as many body bytes as it declares.</summary>
    private async Task<RawRequest?> ReadRequestAsync(NetworkStream stream, int connection)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var length = lines.Select(line => line.Split(':', 2)).Where(pair => pair.Length == 2 && pair[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(pair => int.Parse(pair[1].Trim())).FirstOrDefault();
        await stream.ReadExactlyAsync(new byte[length], _stop.Token);
        var requestLine = lines[0].Split(' ');
        return new RawRequest(requestLine[0], requestLine[1], connection);
    }
}
