namespace DssApi.Emulator.Tests;

/// <summary>The Java exception classes DSS names in <c>errorType</c>, as the tests expect them.</summary>
internal static class ErrorTypes
{
    public const string IllegalArgument = "java.lang.IllegalArgumentException";
    public const string NotFound = "com.dataiku.dip.server.controllers.NotFoundException";
    public const string Malformed = "com.dataiku.dip.server.controllers.MalformedRequestException";
    public const string NotAuthenticated = "com.dataiku.dip.exceptions.NotAuthenticatedException";
    public const string Unauthorized = "com.dataiku.dip.exceptions.UnauthorizedException";
    public const string MissingParameter = "org.springframework.web.bind.MissingServletRequestParameterException";
    public const string MissingPart = "org.springframework.web.multipart.support.MissingServletRequestPartException";
    public const string MethodNotSupported = "org.springframework.web.HttpRequestMethodNotSupportedException";
    public const string EndpointUnavailable = "com.dataiku.lambda.EndpointUnavailableException";
    public const string Coded = "com.dataiku.dip.exceptions.CodedException";
    public const string ServiceUnavailable = "com.dataiku.dip.exceptions.ServiceUnavailableException";
}
