namespace DssApi;

/// <summary>The delays between polls of a future: DSS's exponential backoff.</summary>
internal struct DssPollingBackoff(DssFuturePollingOptions options)
{
    private TimeSpan _next = options.InitialDelay;

    /// <summary>The delay before the next poll; each call grows the following one.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        var grown = TimeSpan.FromTicks((long)Math.Min(delay.Ticks * options.Multiplier, options.MaxDelay.Ticks));
        _next = grown < delay ? delay : grown;
        return delay > options.MaxDelay ? options.MaxDelay : delay;
    }
}
