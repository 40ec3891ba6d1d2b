using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Diagnostics;
using DssApi.Transport;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DssApi;

/// <summary>
/// Sends <see cref="DssRequest"/>s for the generated handles: adds authentication and headers,
/// applies the per-attempt timeout, retries transient failures of requests that are safe to
/// repeat, traces and logs each request, reads bodies within a size cap, and turns HTTP errors
/// into <see cref="DssApiException"/> (with the client's secrets scrubbed out), redirects into
/// <see cref="DssRedirectException"/>, answers that are not what DSS sends into
/// <see cref="DssProtocolException"/>, network failures into <see cref="DssConnectionException"/>
/// and timeouts into <see cref="DssTimeoutException"/>. Thread-safe.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DssPipeline
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly string _basePath;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly DssSecret? _ticket;
    private readonly KeyValuePair<string, string>[] _extraHeaders;
    private readonly string _userAgent;
    private readonly DssSecretScrubber _scrubber;
    private readonly ILogger _logger;
    private volatile Tuning _tuning;

    private static readonly ResiliencePropertyKey<IDescribedRequest> RequestKey = new("DssApi.Request");

    internal DssPipeline(HttpClient http, Uri baseUrl, AuthenticationHeaderValue? authorization, DssTransportOptions options, ILogger logger, DssSecret? ticket = null)
    {
        _ticket = ticket;
        _http = http;
        _baseUrl = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _basePath = baseUrl.AbsolutePath.TrimEnd('/');
        _authorization = authorization;
        _extraHeaders = options.ExtraHeaders.ToArray();
        _userAgent = options.UserAgent ?? DefaultUserAgent;
        _scrubber = DssSecretScrubber.For(authorization, _extraHeaders.Select(header => header.Value).Concat(ticket is null ? [] : [ticket.Reveal()]));
        _logger = logger;
        _tuning = Tune(options);
    }

    /// <summary>What may change on a live client, such as when its configuration is reloaded: timeouts,
    /// the size cap and retries. Swapped whole, so that a request never mixes two settings.</summary>
    private sealed record Tuning(TimeSpan AttemptTimeout, TimeSpan? SlowRouteTimeout, TimeSpan DownloadIdleTimeout, int MaxResponseBytes,
        ResiliencePipeline<HttpResponseMessage> Retrying, ResiliencePipeline<bool> RetryingUnlessDone);

    private Tuning Tune(DssTransportOptions options) => new(options.Timeout, options.SlowRouteTimeout, options.DownloadIdleTimeout,
        options.MaxResponseBytes, CreateRetryPipeline(options.Retry), CreateRetryUnlessDonePipeline(options.Retry));

    /// <summary>Applies the timeouts, size cap and retries of <paramref name="options"/> to the requests
    /// that start from now on; the connection (URL, credentials, headers, TLS) stays as it was built.</summary>
    internal void Retune(DssTransportOptions options) => _tuning = Tune(options);

    /// <summary>The base URL every request path is appended to.</summary>
    public string BaseUrl => _baseUrl;

    /// <summary>Where the client logs.</summary>
    internal ILogger Logger => _logger;

#if !NETSTANDARD2_0
    // Paths are escaped segment by segment already; canonicalization would unescape %2E%2E and drop the segment.
    private static readonly UriCreationOptions EscapedUri = new() { DangerousDisablePathAndQueryCanonicalization = true };
#endif

    private static string DefaultUserAgent { get; } =
        $"DssApi/{typeof(DssPipeline).Assembly.GetName().Version?.ToString(3)} (.NET {Environment.Version})";

    // netstandard2.0's HttpStatusCode has no name for 429.
    private const HttpStatusCode TooManyRequests = (HttpStatusCode)429;

    private static readonly Task<bool> Done = Task.FromResult(true);

    /// <summary>Sends a request whose response body is ignored; a body that is not JSON (a login
    /// page, for instance) is a <see cref="DssProtocolException"/>.</summary>
    public Task SendAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, ExpectedBody.JsonOrNothing, static (_, _, _) => Done, cancellationToken);

    /// <summary>Sends a request and parses its JSON response; an empty body gives a null node.</summary>
    public Task<DssJsonResponse> SendForJsonAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, ExpectedBody.JsonOrNothing,
            static (attempt, _, _) => Task.FromResult(new DssJsonResponse(ParseJson(attempt.Body, attempt.Route), attempt.Body, attempt.Route)),
            cancellationToken);

    /// <summary>Sends a request and returns its JSON body as it came, unparsed, for a reader that knows its
    /// shape (the typed clients of deployed services); an empty body gives no bytes. The checks are those of
    /// <see cref="SendForJsonAsync"/> but the parse, which is the reader's.</summary>
    public Task<ReadOnlyMemory<byte>> SendForUtf8Async(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, ExpectedBody.JsonOrNothing, static (attempt, _, _) => Task.FromResult(attempt.Body), cancellationToken);

    /// <summary>Sends a request and reads its body as UTF-8 text.</summary>
    public Task<string> SendForTextAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, ExpectedBody.NotAPage,
            static (attempt, _, _) => Task.FromResult(Encoding.UTF8.GetString(attempt.Body.Span).TrimStart('\uFEFF')), cancellationToken);

    /// <summary>
    /// Sends a request and returns its body as a stream read straight from the connection, never
    /// buffered whole. The caller owns the stream and must dispose it, which frees the connection.
    /// </summary>
    public Task<Stream> SendForStreamAsync(DssRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, ExpectedBody.Streamed, static async (attempt, response, token) =>
        {
            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            return (Stream)new DssResponseStream(body, response, attempt.Route, attempt.Tuning.DownloadIdleTimeout);
        }, cancellationToken);

    /// <summary>Whether the object a read request names exists: true when DSS answers it, false when
    /// DSS answers 404. Other failures are thrown.</summary>
    /// <param name="request">A read of the object, such as its settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<bool> ExistsAsync(DssRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DssApiException notFound) when (notFound.StatusCode == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends a request that creates or starts something, which must not happen twice. When it
    /// fails without a clear answer (connection lost, timeout, 502/503/504), DSS is asked whether
    /// it took effect: if so, that is success; if not, the request is sent again, within the retry
    /// budget; if DSS cannot tell, <see cref="DssOutcomeUnknownException"/> says what to check.
    /// </summary>
    /// <param name="createRequest">Builds the request (once per attempt).</param>
    /// <param name="tookEffect">Asks DSS whether the request took effect (does the object now exist?); null when
    /// DSS cannot be asked, so an ambiguous failure leaves the outcome unknown at once.</param>
    /// <param name="whatToCheck">What a person should check when DSS cannot tell, such as "whether deployment d1 exists".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task SendOnceAsync(Func<DssRequest> createRequest, Func<CancellationToken, Task<bool>>? tookEffect, string whatToCheck,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var once = new SendOnceState(this, createRequest, tookEffect, whatToCheck);
            context.Properties.Set(RequestKey, once);
            var outcome = await _tuning.RetryingUnlessDone.ExecuteOutcomeAsync(static async (context, state) =>
            {
                var request = state.NextRequest();
                try
                {
                    await state.Pipeline.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
                    return Outcome.FromResult(true);
                }
                catch (Exception ambiguous) when (IsAmbiguous(ambiguous))
                {
                    if (state.TookEffect is null)
                    {
                        return Outcome.FromException<bool>(state.OutcomeUnknown(request, ambiguous));
                    }

                    try
                    {
                        // A request that did not take effect fails with the ambiguous error, which the retry strategy repeats.
                        if (await state.TookEffect(context.CancellationToken).ConfigureAwait(false))
                        {
                            DssLog.TookEffect(state.Pipeline._logger, state.Method, state.RouteTemplate);
                            return Outcome.FromResult(true);
                        }

                        return Outcome.FromException<bool>(ambiguous);
                    }
                    catch (Exception checkFailure) when (checkFailure is DssApiException or DssConnectionException or DssTimeoutException)
                    {
                        return Outcome.FromException<bool>(state.OutcomeUnknown(request, ambiguous));
                    }
                }
            }, context, once).ConfigureAwait(false);
            if (outcome.Exception is not null)
            {
                ExceptionDispatchInfo.Throw(outcome.Exception);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Sends a request that starts something DSS cannot be asked about afterwards, and parses its
    /// JSON response. It is never repeated: when it fails without a clear answer (connection lost,
    /// timeout, 502/503/504), <see cref="DssOutcomeUnknownException"/> says what to check.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="whatToCheck">What a person should check to learn whether it took effect.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<DssJsonResponse> SendOnceForJsonAsync(DssRequest request, string whatToCheck, CancellationToken cancellationToken)
    {
        try
        {
            return await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ambiguous) when (IsAmbiguous(ambiguous))
        {
            throw OutcomeUnknown(request, whatToCheck, ambiguous);
        }
    }

    /// <summary>Whether a read request lists an item whose <c>id</c> is <paramref name="id"/>: false when
    /// DSS answers 404 or the list lacks it. Other failures are thrown.</summary>
    /// <param name="request">A read whose answer is a list of objects with an <c>id</c>, or an object holding one.</param>
    /// <param name="listMember">The member of the answer that holds the list; null when the answer is the list.</param>
    /// <param name="id">The id to look for.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<bool> ListsAsync(DssRequest request, string? listMember, string id, CancellationToken cancellationToken)
    {
        DssJsonResponse response;
        try
        {
            response = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DssApiException notFound) when (notFound.StatusCode == (int)HttpStatusCode.NotFound)
        {
            return false;
        }

        var list = listMember is null ? response.RequireArray() : response.RequireObject()[listMember] as JsonArray;
        return list is not null && list.Any(item => item is JsonObject listed
            && listed["id"] is JsonValue value && value.TryGetValue(out string? listedId) && listedId == id);
    }

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

    private async Task<TResult> ExecuteAsync<TResult>(DssRequest request, ExpectedBody expected,
        Func<Attempt, HttpResponseMessage, CancellationToken, Task<TResult>> readBody, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(this, request, expected);
        var started = Stopwatch.GetTimestamp();
        using var activity = DssTelemetry.Source.HasListeners() ? DssTelemetry.StartRequest(attempt.Method, attempt.RouteTemplate, attempt.Uri) : null;
        int? statusCode = null;
        string? errorType = null;
        HttpResponseMessage? response = null;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, attempt);
        try
        {
            var resilience = IsSafeToRepeat(request.Method) ? attempt.Tuning.Retrying : ResiliencePipeline<HttpResponseMessage>.Empty;
            var outcome = await resilience.ExecuteOutcomeAsync(static (context, pipeline) => pipeline.SendAttemptAsync(context), context, this)
                .ConfigureAwait(false);
            if (outcome.Exception is not null)
            {
                ExceptionDispatchInfo.Throw(outcome.Exception);
            }

            response = outcome.Result!;
            statusCode = (int)response.StatusCode;
            if (statusCode == (int)HttpStatusCode.NotFound && attempt.EarlierAnswerLost && request.Method == HttpMethod.Delete)
            {
                // The earlier attempt most likely deleted it: what was asked for is done.
                DssLog.DeletedByLostAttempt(_logger, attempt.RouteTemplate);
                attempt.Body = ReadOnlyMemory<byte>.Empty;
            }
            else if (statusCode >= 400)
            {
                errorType = statusCode.Value.ToString(CultureInfo.InvariantCulture);
                throw DssApiException.FromResponse(response.StatusCode, response.ReasonPhrase, attempt.Body.Span, attempt.Route, _scrubber,
                    RetryAfter(response));
            }
            else if (statusCode >= 300)
            {
                errorType = statusCode.Value.ToString(CultureInfo.InvariantCulture);
                throw NotAnAnswer(response, attempt);
            }
            else
            {
                CheckContentType(response, attempt);
            }

            var result = await readBody(attempt, response, cancellationToken).ConfigureAwait(false);
            if (expected != ExpectedBody.Streamed)
            {
                response.Dispose();
            }

            return result;
        }
        catch (Exception exception)
        {
            errorType ??= exception.GetType().Name;
            response?.Dispose();
            if (exception is HttpRequestException or IOException)
            {
                throw new DssConnectionException(attempt.Route, exception);
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            request.Body?.Dispose();
            Record(attempt, activity, statusCode, errorType, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>A 3xx: DSS itself never redirects its API, so whoever answered was not DSS.</summary>
    private static DssProtocolException NotAnAnswer(HttpResponseMessage response, Attempt attempt)
    {
        var status = (int)response.StatusCode;
        if (response.Headers.Location is { } location)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(attempt.Uri, location);
            return new DssRedirectException(attempt.Route, status, target.GetLeftPart(UriPartial.Authority));
        }

        return status is 301 or 302 or 303 or 307 or 308
            ? new DssRedirectException(attempt.Route, status, null)
            : new DssProtocolException($"{attempt.Route} was answered HTTP {status} {response.ReasonPhrase}, which DSS never sends: " +
                "a cache or proxy between the client and DSS answered instead of DSS. Check the client's URL and the proxy.");
    }

    /// <summary>A 2xx from a login page or a proxy's error page is not DSS's answer: only JSON (or
    /// nothing) where DSS answers JSON, and no HTML page anywhere.</summary>
    private static void CheckContentType(HttpResponseMessage response, Attempt attempt)
    {
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType)
        {
            return;
        }

        var fits = attempt.Expected == ExpectedBody.JsonOrNothing
            ? attempt.Body.IsEmpty || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            : !mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                && !mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
        if (!fits)
        {
            throw new DssProtocolException($"{attempt.Route} was answered HTTP {(int)response.StatusCode} with {mediaType} where DSS answers " +
                $"{(attempt.Expected == ExpectedBody.JsonOrNothing ? "JSON" : "data")}: that is probably a login page or a proxy's page, not DSS, " +
                "and the request may not have reached DSS. Check the client's URL and any proxy in front of DSS.");
        }
    }

    /// <summary>Traces, measures and logs a finished request; builds nothing nobody listens to.</summary>
    private void Record(Attempt attempt, Activity? activity, int? statusCode, string? errorType, TimeSpan elapsed)
    {
        if (activity is not null || DssTelemetry.RequestDuration.Enabled)
        {
            DssTelemetry.EndRequest(activity, attempt.Method, attempt.RouteTemplate, attempt.Uri, statusCode, errorType, attempt.Count - 1, elapsed);
        }

        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        if (statusCode is not null)
        {
            DssLog.RequestCompleted(_logger, attempt.Method, attempt.RouteTemplate, statusCode.Value, (long)elapsed.TotalMilliseconds);
        }
        else
        {
            DssLog.RequestFailed(_logger, attempt.Method, attempt.RouteTemplate, (long)elapsed.TotalMilliseconds, errorType ?? "unknown");
        }
    }

    /// <summary>One attempt, with its own timeout: it sends the request and reads the whole body
    /// (for a stream, the headers only) within the size cap. A timed-out or disconnected attempt
    /// becomes a <see cref="DssTimeoutException"/> or <see cref="DssConnectionException"/> the retry
    /// strategy can see; a body over the cap, a <see cref="DssProtocolException"/> it does not retry.</summary>
    private async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(ResilienceContext context)
    {
        var attempt = (Attempt)context.Properties.GetValue(RequestKey, null!);
        attempt.Count++;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var attemptTimeout = attempt.Request.AttemptTimeout(attempt.Tuning.AttemptTimeout, attempt.Tuning.SlowRouteTimeout);
        if (attemptTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(attemptTimeout);
        }

        // Not disposed: that would dispose the body, which a retry sends again.
        var message = CreateMessage(attempt.Request, attempt.Uri);
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (attempt.Expected != ExpectedBody.Streamed || !response.IsSuccessStatusCode)
            {
                attempt.Body = await ReadBodyAsync(response, attempt, timeout.Token).ConfigureAwait(false);
            }

            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
            {
                attempt.EarlierAnswerLost = true;
            }

            return Outcome.FromResult(response);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            if (failure is OperationCanceledException)
            {
                attempt.EarlierAnswerLost = true;
                // Ours, or the HttpClient's own Timeout when it is the shorter.
                return Outcome.FromException<HttpResponseMessage>(new DssTimeoutException(timeout.IsCancellationRequested
                    ? $"{attempt.Route} timed out after {attemptTimeout.TotalSeconds:0.###} s."
                    : $"{attempt.Route} timed out after {_http.Timeout.TotalSeconds:0.###} s (the HttpClient's own Timeout)."));
            }

            if (failure is HttpRequestException or IOException)
            {
                attempt.EarlierAnswerLost |= !DssHttpStack.IsConnectionRefused(failure);
                return Outcome.FromException<HttpResponseMessage>(new DssConnectionException(attempt.Route, failure));
            }

            return Outcome.FromException<HttpResponseMessage>(failure is InvalidDataException
                ? new DssProtocolException($"{attempt.Route} answered a compressed body that does not decompress.", failure)
                : failure);
        }
    }

    /// <summary>Reads a whole body into one buffer, sized from <c>Content-Length</c> when the server
    /// sends it, and never past <see cref="DssTransportOptions.MaxResponseBytes"/> (counted after
    /// decompression, so a compressed bomb ends early).</summary>
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, Attempt attempt, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > attempt.Tuning.MaxResponseBytes)
        {
            throw TooLarge(attempt, $"declared {declared} bytes");
        }

        if (declared == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            if (declared is { } length)
            {
                var exact = new byte[length];
                await body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
                return exact;
            }

            var buffer = new byte[Math.Min(16 * 1024, attempt.Tuning.MaxResponseBytes + 1)];
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    // One byte over the cap is enough to know the body is too large.
                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, attempt.Tuning.MaxResponseBytes + 1L));
                }

                var read = await body.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsMemory(0, count);
                }

                count += read;
                if (count > attempt.Tuning.MaxResponseBytes)
                {
                    throw TooLarge(attempt, "sent more");
                }
            }
        }
    }

    private DssProtocolException TooLarge(Attempt attempt, string what) =>
        new($"{attempt.Route} answered a body larger than the {attempt.Tuning.MaxResponseBytes} bytes the client reads ({what}, counted after " +
            "decompression); it was not read further. If DSS really sends that much, raise MaxResponseBytes.");

    /// <summary>The wait a 429 or 503 asks for in <c>Retry-After</c>, as a delay or a date.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date - DateTimeOffset.UtcNow);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private ResiliencePipeline<HttpResponseMessage> CreateRetryPipeline(DssRetryOptions options) =>
        options.MaxRetries <= 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(RetryOptions<HttpResponseMessage>(options, static outcome => IsTransient(outcome), outcome =>
                    outcome.Exception?.Message ?? $"HTTP {(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}"))
                .Build();

    private ResiliencePipeline<bool> CreateRetryUnlessDonePipeline(DssRetryOptions options) =>
        options.MaxRetries <= 0
            ? ResiliencePipeline<bool>.Empty
            : new ResiliencePipelineBuilder<bool>()
                .AddRetry(RetryOptions<bool>(options, static outcome => outcome.Exception is not null && IsAmbiguous(outcome.Exception),
                    static outcome => outcome.Exception!.Message + " It did not take effect."))
                .Build();

    /// <summary>Exponential backoff with jitter; each retry is counted, logged and frees the failed response.</summary>
    private RetryStrategyOptions<T> RetryOptions<T>(DssRetryOptions options, Func<Outcome<T>, bool> isRetryable, Func<Outcome<T>, string> describe) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldHandle = arguments => ValueTask.FromResult(isRetryable(arguments.Outcome)),
        // The server's own Retry-After wins over the backoff, within the longest delay allowed.
        DelayGenerator = arguments =>
        {
            var asked = arguments.Outcome.Result is HttpResponseMessage response ? RetryAfter(response)
                : (arguments.Outcome.Exception as DssApiException)?.RetryAfter;
            return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)(wait < options.MaxDelay ? wait : options.MaxDelay) : null);
        },
        OnRetry = arguments =>
        {
            var failure = describe(arguments.Outcome);
            (arguments.Outcome.Result as IDisposable)?.Dispose();
            var request = arguments.Context.Properties.GetValue(RequestKey, null!);
            DssTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("http.request.method", request.Method));
            DssLog.Retrying(_logger, request.Method, request.RouteTemplate, (long)arguments.RetryDelay.TotalMilliseconds, arguments.AttemptNumber + 1, failure);
            return default;
        },
    };

    /// <summary>Logs, and names for the caller, a request whose effect nobody can tell.</summary>
    private DssOutcomeUnknownException OutcomeUnknown(DssRequest request, string whatToCheck, Exception ambiguous)
    {
        DssLog.OutcomeUnknown(_logger, request.Method.Method, _basePath + request.PathTemplate, whatToCheck);
        return new DssOutcomeUnknownException($"{request.Method} {_basePath}{request.Path}", whatToCheck, ambiguous);
    }

    /// <summary>A failure that says nothing of what DSS did: the connection was lost, the attempt timed out, or a gateway answered.</summary>
    internal static bool IsAmbiguous(Exception exception) =>
        exception is DssTimeoutException or DssConnectionException
        || exception is DssApiException { StatusCode: (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout };

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is DssTimeoutException or DssConnectionException
        || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Reads, saves and deletes give the same result when repeated; creations and starts may not.</summary>
    private static bool IsSafeToRepeat(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head;

    /// <summary>The attempts of a request that must not happen twice: the first request is built
    /// up front (its route names the retries in logs), the others on demand.</summary>
    private sealed class SendOnceState : IDescribedRequest
    {
        private readonly Func<DssRequest> _createRequest;
        private DssRequest? _pending;

        public SendOnceState(DssPipeline pipeline, Func<DssRequest> createRequest, Func<CancellationToken, Task<bool>>? tookEffect, string whatToCheck)
        {
            _createRequest = createRequest;
            _pending = createRequest();
            Pipeline = pipeline;
            TookEffect = tookEffect;
            WhatToCheck = whatToCheck;
            Method = _pending.Method.Method;
            RouteTemplate = pipeline._basePath + _pending.PathTemplate;
        }

        public DssPipeline Pipeline { get; }
        public Func<CancellationToken, Task<bool>>? TookEffect { get; }
        public string WhatToCheck { get; }
        public string Method { get; }
        public string RouteTemplate { get; }

        public DssOutcomeUnknownException OutcomeUnknown(DssRequest request, Exception ambiguous) =>
            Pipeline.OutcomeUnknown(request, WhatToCheck, ambiguous);

        public DssRequest NextRequest()
        {
            var request = _pending ?? _createRequest();
            _pending = null;
            return request;
        }
    }

    /// <summary>What logs and retries say of a request.</summary>
    private interface IDescribedRequest
    {
        string Method { get; }

        string RouteTemplate { get; }
    }

    /// <summary>What the attempts of one request share; the texts that only errors and listeners
    /// need are built on first use.</summary>
    private sealed class Attempt(DssPipeline pipeline, DssRequest request, ExpectedBody expected) : IDescribedRequest
    {
        private string? _route;
        private string? _routeTemplate;

        public DssPipeline Pipeline { get; } = pipeline;
        public DssRequest Request { get; } = request;
        public ExpectedBody Expected { get; } = expected;

        /// <summary>The timeouts, size cap and retries this request keeps, whatever a reload changes meanwhile.</summary>
        public Tuning Tuning { get; } = pipeline._tuning;
#if NETSTANDARD2_0
        // netstandard2.0 has no way to turn canonicalization off: there the platform's Uri decides.
        public Uri Uri { get; } = new(pipeline._baseUrl + request.Path + request.Query);
#else
        public Uri Uri { get; } = new(pipeline._baseUrl + request.Path + request.Query, EscapedUri);
#endif
        public int Count { get; set; }

        /// <summary>The body of the last answer, read whole (empty for a stream).</summary>
        public ReadOnlyMemory<byte> Body { get; set; }

        /// <summary>Whether an earlier attempt may have reached DSS but its answer was lost.</summary>
        public bool EarlierAnswerLost { get; set; }

        public string Method => Request.Method.Method;
        public string Route => _route ??= $"{Request.Method} {Pipeline._basePath}{Request.Path}";
        public string RouteTemplate => _routeTemplate ??= Pipeline._basePath + Request.PathTemplate;
    }

    /// <summary>What a successful answer must carry.</summary>
    private enum ExpectedBody
    {
        /// <summary>JSON, or no body at all.</summary>
        JsonOrNothing,

        /// <summary>Anything but an HTML page, read whole.</summary>
        NotAPage,

        /// <summary>Anything but an HTML page, streamed.</summary>
        Streamed,
    }

    private HttpRequestMessage CreateMessage(DssRequest request, Uri uri)
    {
        var message = new HttpRequestMessage(request.Method, uri)
        {
            // SocketsHttpHandler silently re-sends a request that has no body when a reused connection
            // closes before answering; it never re-sends one whose body it started to send.
            Content = request.Body ?? (IsSafeToRepeat(request.Method) ? null : new ByteArrayContent([])),
        };
        message.Headers.Authorization = _authorization;
        if (_ticket is not null)
        {
            message.Headers.TryAddWithoutValidation(DssHttpStack.TicketHeader, _ticket.Reveal());
        }
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        foreach (var header in _extraHeaders)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return message;
    }

    private static JsonNode? ParseJson(ReadOnlyMemory<byte> utf8, string route)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(utf8.Span);
        }
        catch (JsonException exception)
        {
            throw new DssProtocolException($"{route} answered a body that is not valid JSON: {exception.Message}", exception);
        }
    }
}
