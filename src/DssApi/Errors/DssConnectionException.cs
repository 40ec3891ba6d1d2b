namespace DssApi;

/// <summary>
/// A request could not reach DSS or lost its connection (DNS, refused or reset connection, TLS
/// failure). The message names the request; the inner exception has the network detail.
/// </summary>
public class DssConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="route">The request, as <c>"GET /dip/publicapi/..."</c>.</param>
    /// <param name="innerException">The network failure.</param>
    public DssConnectionException(string route, Exception innerException)
        : base($"{route} failed: {innerException.Message}", innerException)
    {
        Route = route;
    }

    /// <summary>The request that failed.</summary>
    public string Route { get; }
}
