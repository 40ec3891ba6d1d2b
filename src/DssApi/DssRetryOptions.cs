namespace DssApi;

/// <summary>
/// How requests that are safe to repeat (reads, settings saves, deletes) are retried after a
/// transient failure: HTTP 408, 429, 502, 503 or 504, a lost connection, or a timed-out attempt.
/// Retries wait with exponential backoff and jitter, or as long as a 429 or 503 answer's
/// <c>Retry-After</c> asks, at most <see cref="MaxDelay"/>. Requests that create or start something
/// are never retried blindly.
/// </summary>
public sealed class DssRetryOptions
{
    /// <summary>How many times a request may be repeated after its first attempt. Default 3; 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The median delay before the first retry; later ones grow exponentially. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two attempts. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
