namespace DssApi;

/// <summary>
/// A request or a wait on a <see cref="DssFuture{T}"/> took longer than its timeout. For a future,
/// the job keeps running on the server unless it is aborted.
/// </summary>
public class DssTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out, and after how long.</param>
    public DssTimeoutException(string message)
        : base(message)
    {
    }
}
