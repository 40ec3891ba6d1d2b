namespace DssApi;

/// <summary>
/// The server answered a request with a redirect (HTTP 301, 302, 303, 307 or 308), so the request
/// did not reach DSS. The client never follows redirects: that would send the API key, the extra
/// headers and the body to wherever the redirect points. It usually means a login page of a proxy
/// in front of DSS, or an <c>http://</c> URL that the server moves to <c>https://</c>: fix the URL
/// or the proxy.
/// </summary>
public class DssRedirectException : DssProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="route">The request that was redirected, as <c>"POST /dip/publicapi/..."</c>.</param>
    /// <param name="statusCode">The HTTP status of the redirect.</param>
    /// <param name="locationOrigin">The scheme, host and port the redirect points to, if it named one.</param>
    public DssRedirectException(string route, int statusCode, string? locationOrigin)
        : base($"{route} was answered HTTP {statusCode}, a redirect{(locationOrigin is null ? " with no Location" : " to " + locationOrigin)}: " +
            "nothing reached DSS. This usually means a login page of a proxy in front of DSS, or an http:// URL that the server " +
            "moves to https://. Set the client's URL to the address where DSS answers itself, or let the proxy pass API calls through.")
    {
        Route = route;
        StatusCode = statusCode;
        LocationOrigin = locationOrigin;
    }

    /// <summary>The request that was redirected.</summary>
    public string Route { get; }

    /// <summary>The HTTP status of the redirect.</summary>
    public int StatusCode { get; }

    /// <summary>The scheme, host and port the redirect points to (never its path or query, which
    /// may hold a login ticket); null when the answer had no <c>Location</c>.</summary>
    public string? LocationOrigin { get; }
}
