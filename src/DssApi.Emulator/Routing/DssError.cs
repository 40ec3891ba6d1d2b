using System.Net;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Routing;

/// <summary>
/// An error answered the way DSS answers it: the Java exception class as <c>errorType</c>, and the
/// status code DSS's controllers map that class to (dss-protocol §1.5).
/// </summary>
internal sealed class DssError : Exception
{
    private DssError(HttpStatusCode status, string errorType, string message, Exception? cause = null)
        : base(message, cause)
    {
        Status = status;
        ErrorType = errorType;
    }

    public HttpStatusCode Status { get; }

    public string ErrorType { get; }

    /// <summary>The error body DSS sends; without a cause chain the detailed message is the message.</summary>
    public JsonObject ToJson() => new()
    {
        ["errorType"] = ErrorType,
        ["message"] = Message,
        ["detailedMessage"] = Message,
    };

    public static DssError NotFound(string message) =>
        new(HttpStatusCode.NotFound, "com.dataiku.dip.server.controllers.NotFoundException", message);

    public static DssError IllegalArgument(string message) =>
        new(HttpStatusCode.BadRequest, "java.lang.IllegalArgumentException", message);

    public static DssError MalformedRequest(string message) =>
        new(HttpStatusCode.BadRequest, "com.dataiku.dip.server.controllers.MalformedRequestException", message);

    // Spring's wording for a missing @RequestParam.
    public static DssError MissingParameter(string name) =>
        new(HttpStatusCode.BadRequest, "org.springframework.web.bind.MissingServletRequestParameterException",
            $"Required String parameter '{name}' is not present");

    public static DssError MethodNotSupported(string method) =>
        new(HttpStatusCode.MethodNotAllowed, "org.springframework.web.HttpRequestMethodNotSupportedException",
            $"Request method '{method}' not supported");

    public static DssError NotAuthenticated(string message) =>
        new(HttpStatusCode.Unauthorized, "com.dataiku.dip.exceptions.NotAuthenticatedException", message);

    /// <summary>A known caller without the rights the route needs (403).</summary>
    public static DssError Unauthorized(string message) =>
        new(HttpStatusCode.Forbidden, "com.dataiku.dip.exceptions.UnauthorizedException", message);

    /// <summary>A failure DSS reports through its generic coded exception (500), e.g. API nodes it cannot reach.</summary>
    public static DssError Coded(string message) =>
        new(HttpStatusCode.InternalServerError, "com.dataiku.dip.exceptions.CodedException", message);

    /// <summary>Spring's answer when a multipart request lacks a part.</summary>
    public static DssError MissingPart(string name) =>
        new(HttpStatusCode.BadRequest, "org.springframework.web.multipart.support.MissingServletRequestPartException",
            $"Required request part '{name}' is not present");

    /// <summary>The API node's answer when an endpoint is not loaded (503).</summary>
    public static DssError EndpointUnavailable(string message) =>
        new(HttpStatusCode.ServiceUnavailable, "com.dataiku.lambda.EndpointUnavailableException", message);

    /// <summary>What the fault injector answers in place of a real response.</summary>
    public static DssError InjectedFault() =>
        new(HttpStatusCode.ServiceUnavailable, "com.dataiku.dip.exceptions.ServiceUnavailableException",
            "Service temporarily unavailable (fault injected by the DSS emulator)");

    /// <summary>
    /// DSS wraps unexpected failures (NPE and the like) under this type with a fixed message; the cause, when
    /// there is one, is for the emulator's log, never for the answer.
    /// </summary>
    public static DssError Internal(Exception? cause = null) =>
        new(HttpStatusCode.InternalServerError, "com.dataiku.dip.exceptions.DSSInternalErrorException", "Internal error", cause);

    /// <summary>A request the HTTP server refused as it read it: a body over the size limit (413), or one cut short or malformed (400).</summary>
    public static DssError BadHttpRequest(BadHttpRequestException rejection) => rejection.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? new(HttpStatusCode.RequestEntityTooLarge, "org.springframework.web.multipart.MaxUploadSizeExceededException",
            $"The request body is larger than the limit: {rejection.Message}")
        : MalformedRequest($"Malformed request: {rejection.Message}");
}
