namespace DssApi;

/// <summary>Settings of a <see cref="DssClient"/>: where DSS is, the API key, and the transport.</summary>
public sealed class DssClientOptions : DssTransportOptions
{
    /// <summary>The DSS base URL, for instance <c>https://dss.example.com:11200</c>;
    /// the client adds <c>/dip/publicapi</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The DSS API key (a personal or global key).</summary>
    public DssSecret? ApiKey { get; set; }

    /// <summary>How <see cref="DssFuture{T}"/> polls long-running jobs.</summary>
    public DssFuturePollingOptions FuturePolling { get; } = new();
}

/// <summary>
/// How a <see cref="DssFuture{T}"/> waits: the DSS backoff (first poll after 200 ms, then each
/// delay ×1.1, at most 15 s) and an overall timeout.
/// </summary>
public sealed class DssFuturePollingOptions
{
    /// <summary>The delay before the second poll (the first is immediate). Default 200 ms.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The factor applied to the delay after each poll. Default 1.1.</summary>
    public double Multiplier { get; set; } = 1.1;

    /// <summary>The longest delay between two polls. Default 15 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a wait lasts when the caller gives no timeout. Default 1 hour;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits forever.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromHours(1);
}
