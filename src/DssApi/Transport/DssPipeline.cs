using System.ComponentModel;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi.Transport;

/// <summary>
/// Sends <see cref="DssRequest"/>s for the generated handles: adds authentication and headers,
/// applies the per-request timeout, and turns HTTP errors into <see cref="DssApiException"/>,
/// network failures into <see cref="DssConnectionException"/> and timeouts into
/// <see cref="DssTimeoutException"/>. Thread-safe.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DssPipeline
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly string _basePath;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly KeyValuePair<string, string>[] _extraHeaders;
    private readonly string _userAgent;
    private readonly TimeSpan _timeout;

    internal DssPipeline(HttpClient http, Uri baseUrl, AuthenticationHeaderValue? authorization, DssTransportOptions options)
    {
        _http = http;
        _baseUrl = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _basePath = baseUrl.AbsolutePath.TrimEnd('/');
        _authorization = authorization;
        _extraHeaders = options.ExtraHeaders.ToArray();
        _userAgent = options.UserAgent ?? DefaultUserAgent;
        _timeout = options.Timeout;
    }

    /// <summary>The base URL every request path is appended to.</summary>
    public string BaseUrl => _baseUrl;

    // Paths are escaped segment by segment already; canonicalization would unescape %2E%2E and drop the segment.
    private static readonly UriCreationOptions EscapedUri = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private static string DefaultUserAgent { get; } =
        $"DssApi/{typeof(DssPipeline).Assembly.GetName().Version?.ToString(3)} (.NET {Environment.Version})";

    /// <summary>Sends a request whose response body is ignored.</summary>
    public Task SendAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, streamBody: false, static (_, _, _) => Task.FromResult(true), cancellationToken);

    /// <summary>Sends a request and parses its JSON response; an empty body gives a null node.</summary>
    public Task<DssJsonResponse> SendForJsonAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, streamBody: false, static async (response, route, token) =>
        {
            var utf8 = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            return new DssJsonResponse(ParseJson(utf8, route), utf8, route);
        }, cancellationToken);

    /// <summary>Sends a request and reads its body as text.</summary>
    public Task<string> SendForTextAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, streamBody: false,
            static (response, _, token) => response.Content.ReadAsStringAsync(token), cancellationToken);

    /// <summary>
    /// Sends a request and returns its body as a stream read straight from the connection, never
    /// buffered whole. The caller owns the stream and must dispose it, which frees the connection.
    /// </summary>
    public Task<Stream> SendForStreamAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, streamBody: true, static async (response, route, token) =>
        {
            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            return (Stream)new DssResponseStream(body, response, route);
        }, cancellationToken);

    /// <summary>
    /// Streams a response body to a file, atomically: the body goes to a temporary file beside the
    /// target, renamed over it only once complete, so a failure or cancellation leaves no partial file.
    /// </summary>
    public async Task DownloadToFileAsync(DssRequest request, string path, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            var source = await SendForStreamAsync(request, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private async Task<TResult> ExecuteAsync<TResult>(DssRequest request, bool streamBody,
        Func<HttpResponseMessage, string, CancellationToken, Task<TResult>> readBody, CancellationToken cancellationToken)
    {
        var route = $"{request.Method} {_basePath}{request.Path}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_timeout);
        }

        HttpResponseMessage? response = null;
        try
        {
            using var message = CreateMessage(request);
            var completion = streamBody ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
            response = await _http.SendAsync(message, completion, timeout.Token).ConfigureAwait(false);
            if ((int)response.StatusCode >= 400)
            {
                var errorBody = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                throw DssApiException.FromResponse(response.StatusCode, response.ReasonPhrase, errorBody, route);
            }

            var result = await readBody(response, route, timeout.Token).ConfigureAwait(false);
            if (!streamBody)
            {
                response.Dispose();
            }

            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            response?.Dispose();
            throw new DssTimeoutException($"{route} timed out after {_timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            response?.Dispose();
            throw new DssConnectionException(route, exception);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private HttpRequestMessage CreateMessage(DssRequest request)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_baseUrl + request.Path + request.Query, EscapedUri))
        {
            Content = request.Body,
        };
        message.Headers.Authorization = _authorization;
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        foreach (var header in _extraHeaders)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return message;
    }

    private static JsonNode? ParseJson(byte[] utf8, string route)
    {
        if (utf8.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(utf8);
        }
        catch (JsonException exception)
        {
            throw new DssProtocolException($"{route} answered a body that is not valid JSON: {exception.Message}", exception);
        }
    }
}
