using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Transport;

namespace DssApi;

/// <summary>
/// DSS answered with an HTTP error (status 400 or above). The message reads as DSS's own clients
/// show it, <c>"&lt;errorType&gt;: &lt;detailedMessage&gt;"</c>; the parsed error is in the properties.
/// </summary>
public class DssApiException : Exception
{
    /// <summary>Creates the exception for an error response.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="errorType">The Java class name DSS reports in <c>errorType</c>, if any.</param>
    /// <param name="serverMessage">The <c>message</c> field, if any.</param>
    /// <param name="detailedMessage">The <c>detailedMessage</c> field, if any.</param>
    /// <param name="errorJson">The whole error body when it was a JSON object.</param>
    /// <param name="route">The method and path of the request (ids included, never a key).</param>
    /// <param name="message">The exception message.</param>
    public DssApiException(int statusCode, string? errorType, string? serverMessage, string? detailedMessage,
        JsonObject? errorJson, string? route, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ServerMessage = serverMessage;
        DetailedMessage = detailedMessage;
        ErrorJson = errorJson;
        Route = route;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The exception class DSS reports, such as
    /// <c>com.dataiku.dip.server.controllers.NotFoundException</c>; null when the body was not DSS error JSON.</summary>
    public string? ErrorType { get; }

    /// <summary>The <c>message</c> field of the error.</summary>
    public string? ServerMessage { get; }

    /// <summary>The <c>detailedMessage</c> field of the error (the message with its causes).</summary>
    public string? DetailedMessage { get; }

    /// <summary>The error body as DSS sent it, when it was a JSON object.</summary>
    public JsonObject? ErrorJson { get; }

    /// <summary>The request that failed, as <c>"GET /dip/publicapi/..."</c>.</summary>
    public string? Route { get; }

    /// <summary>How long the server asked to wait before trying again (its <c>Retry-After</c> header
    /// on a 429 or 503), if it said.</summary>
    public TimeSpan? RetryAfter { get; internal init; }

    /// <summary>
    /// Builds the exception from an error response body the way DSS's Python client reads it:
    /// JSON error fields when the body is DSS error JSON, else the body text. Every text taken from
    /// the body goes through <paramref name="scrubber"/>: no secret of the client, no unbounded text.
    /// </summary>
    internal static DssApiException FromResponse(HttpStatusCode status, string? reasonPhrase, ReadOnlySpan<byte> body, string route,
        DssSecretScrubber scrubber, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var error = TryParseObject(body);
        if (error is not null)
        {
            scrubber.Scrub(error);
            var errorType = ReadString(error, "errorType");
            var message = ReadString(error, "message");
            var detailed = ReadString(error, "detailedMessage");
            var text = $"{errorType ?? "Unknown error"}: {detailed ?? message ?? "No message"}";
            return new DssApiException(code, errorType, message, detailed, error, route, text) { RetryAfter = retryAfter };
        }

        // Not DSS error JSON (a proxy page, a plain-text error): keep what is readable of it.
        var bodyText = scrubber.Scrub(System.Text.Encoding.UTF8.GetString(body).Trim());
        const int maxBodyChars = 1000;
        if (bodyText.Length > maxBodyChars)
        {
            bodyText = string.Concat(bodyText.AsSpan(0, maxBodyChars), "…");
        }

        var summary = $"HTTP {code} {reasonPhrase} on {route}".TrimEnd();
        var plain = bodyText.Length == 0 ? $"Unknown error: {summary}" : $"Unknown error: {bodyText} ({summary})";
        return new DssApiException(code, null, bodyText.Length == 0 ? null : bodyText, null, null, route, plain) { RetryAfter = retryAfter };
    }

    private static JsonObject? TryParseObject(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadString(JsonObject error, string name) =>
        error[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
