namespace DssApi;

/// <summary>
/// A request that creates or starts something failed in a way that leaves its outcome unknown
/// (the connection was lost or timed out after the request was sent), and DSS could not be asked
/// whether it took effect. The message says what to check before trying again.
/// </summary>
public class DssOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="route">The request whose outcome is unknown.</param>
    /// <param name="whatToCheck">What to look at on the server to learn the outcome.</param>
    /// <param name="innerException">The failure that made the outcome unknown.</param>
    public DssOutcomeUnknownException(string route, string whatToCheck, Exception innerException)
        : base($"The outcome of {route} is unknown: {innerException.Message} Check {whatToCheck} before trying again.", innerException)
    {
        Route = route;
        WhatToCheck = whatToCheck;
    }

    /// <summary>The request whose outcome is unknown.</summary>
    public string Route { get; }

    /// <summary>What to look at on the server to learn the outcome.</summary>
    public string WhatToCheck { get; }
}
