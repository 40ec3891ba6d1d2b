namespace DssApi;

/// <summary>Settings of a <see cref="DssClient"/>: where DSS is, the API key, and the transport.</summary>
public sealed class DssClientOptions : DssTransportOptions
{
    /// <summary>The variable holding the DSS base URL, for code outside DSS (<c>DSS_URL</c>).</summary>
    public const string UrlVariable = "DSS_URL";

    /// <summary>The variable holding the API key, for code outside DSS (<c>DSS_API_KEY</c>).</summary>
    public const string ApiKeyVariable = "DSS_API_KEY";

    /// <summary>The variable in which DSS gives code it runs its internal ticket (<c>DKU_API_TICKET</c>).</summary>
    public const string TicketVariable = "DKU_API_TICKET";

    /// <summary>The variable in which DSS gives code it runs the port of its backend (<c>DKU_BACKEND_PORT</c>).</summary>
    public const string BackendPortVariable = "DKU_BACKEND_PORT";

    /// <summary>The variable naming the backend host, when code DSS runs is not on the DSS machine
    /// (<c>DKU_BACKEND_EXT_HOST</c>); by default <c>127.0.0.1</c>.</summary>
    public const string BackendHostVariable = "DKU_BACKEND_EXT_HOST";

    /// <summary>The DSS base URL, for instance <c>https://dss.example.com:11200</c>;
    /// the client adds <c>/dip/publicapi</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The DSS API key (a personal or global key). When both are set, the key is used,
    /// not the <see cref="InternalTicket"/>.</summary>
    public DssSecret? ApiKey { get; set; }

    /// <summary>The internal ticket DSS gives code it runs (recipes, notebooks, scenarios, webapps),
    /// sent as <c>X-DKU-APITicket</c> instead of an API key; a secret, never logged.</summary>
    public DssSecret? InternalTicket { get; set; }

    /// <summary>How <see cref="DssFuture{T}"/> polls long-running jobs.</summary>
    public DssFuturePollingOptions FuturePolling { get; } = new();

    /// <summary>
    /// Options read from the environment: inside DSS, the backend DSS names
    /// (<c>DKU_BACKEND_PORT</c>, and <c>DKU_BACKEND_EXT_HOST</c> when set) and its internal ticket
    /// (<c>DKU_API_TICKET</c>); elsewhere, <c>DSS_URL</c> and <c>DSS_API_KEY</c>. A URL or key
    /// given in <c>DSS_URL</c> or <c>DSS_API_KEY</c> wins over what DSS provides.
    /// </summary>
    /// <returns>Options with <see cref="Url"/> and either <see cref="ApiKey"/> or <see cref="InternalTicket"/> set.</returns>
    /// <exception cref="InvalidOperationException">A URL, or a key or ticket, cannot be found;
    /// the message names the variables looked at.</exception>
    public static DssClientOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromEnvironment()"/>, reading variables through <paramref name="variable"/>.</summary>
    internal static DssClientOptions FromEnvironment(Func<string, string?> variable)
    {
        string? Read(string name) => variable(name) is { Length: > 0 } value ? value.Trim() : null;

        var problems = new List<string>();
        Uri? url = null;
        if (Read(UrlVariable) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out url))
            {
                problems.Add($"{UrlVariable} is not an absolute URL");
            }
        }
        else if (Read(BackendPortVariable) is { } port)
        {
            var host = Read(BackendHostVariable) ?? "127.0.0.1";
            if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > 65535
                || !Uri.TryCreate($"http://{host}:{number}", UriKind.Absolute, out url))
            {
                problems.Add($"{BackendPortVariable} and {BackendHostVariable} do not make a URL");
            }
        }
        else
        {
            problems.Add($"no URL: set {UrlVariable}, or run inside DSS, which sets {BackendPortVariable}");
        }

        var key = Read(ApiKeyVariable);
        var ticket = key is null ? Read(TicketVariable) : null;
        if (key is null && ticket is null)
        {
            problems.Add($"no credentials: set {ApiKeyVariable}, or run inside DSS, which sets {TicketVariable}");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"DSS client options cannot be read from the environment: {string.Join("; ", problems)}.");
        }

        return new DssClientOptions
        {
            Url = url,
            ApiKey = key is null ? null : new DssSecret(key),
            InternalTicket = ticket is null ? null : new DssSecret(ticket),
        };
    }
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
