namespace DssApi;

/// <summary>
/// DSS answered successfully but not in the shape the protocol describes (for instance no JSON
/// where JSON was expected). The message names the request and what was wrong.
/// </summary>
public class DssProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, and for which request.</param>
    /// <param name="innerException">The parse failure, if any.</param>
    public DssProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
