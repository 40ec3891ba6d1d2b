using System.ComponentModel;
using DssApi.Transport;

namespace DssApi;

/// <summary>
/// The entry point to a DSS design, automation or deployer node: its API Designer, API Deployer
/// and futures, through the typed handles generated from the DSS schema (<c>GetProject</c>,
/// <c>GetApiDeployer</c>, <c>GetFuture</c> …). Thread-safe and cheap to share: create one per
/// DSS instance and reuse it.
/// </summary>
public sealed class DssClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private volatile DssFuturePollingOptions _futurePolling;

    /// <summary>Creates a client for the DSS at <paramref name="url"/> with an API key.</summary>
    /// <param name="url">The DSS base URL, such as <c>https://dss.example.com:11200</c>.</param>
    /// <param name="apiKey">The API key.</param>
    public DssClient(string url, string apiKey)
        : this(new DssClientOptions { Url = url is null ? null : new Uri(url, UriKind.Absolute), ApiKey = apiKey })
    {
    }

    /// <summary>Creates a client from options.</summary>
    /// <param name="options">Where DSS is, the API key and the transport settings.</param>
    /// <exception cref="ArgumentException">The URL or the API key is missing or invalid.</exception>
    public DssClient(DssClientOptions options)
        : this(options, httpFromFactory: null)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> whose handler DssApi configured
    /// from the same options (the dependency-injection path).</summary>
    internal DssClient(DssClientOptions options, HttpClient? httpFromFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ApiKey is null && options.InternalTicket is null)
        {
            throw new ArgumentException(
                "An API key is required (DssClientOptions.ApiKey, or the apiKey argument) and none was given. It is usually read from "
                + "the DSS_API_KEY environment variable or, with AddDssClient, from the DssApi:ApiKey configuration key: check that it is set. "
                + "Code running inside DSS may give its internal ticket instead (DssClientOptions.InternalTicket).",
                nameof(options));
        }

        var baseUrl = DssHttpStack.AppendPath(options.Url, "/dip/publicapi", "DssClientOptions.Url");
        Url = options.Url!;
        _futurePolling = options.FuturePolling;
        var logger = DssHttpStack.CreateLogger(options);
        if (httpFromFactory is not null)
        {
            _http = httpFromFactory;
        }
        else
        {
            _http = DssHttpStack.CreateHttpClient(options, baseUrl, logger, out _ownsHttp);
        }

        // As DSS's own clients: the key wins; the ticket goes in its own header.
        Pipeline = options.ApiKey is { } apiKey
            ? new DssPipeline(_http, baseUrl, DssHttpStack.BasicAuthorization(apiKey), options, logger)
            : new DssPipeline(_http, baseUrl, authorization: null, options, logger, ticket: options.InternalTicket);
    }

    /// <summary>The DSS base URL.</summary>
    public Uri Url { get; }

    /// <summary>How futures created through this client poll.</summary>
    public DssFuturePollingOptions FuturePolling => _futurePolling;

    /// <summary>The transport the generated handles send their requests through.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public DssPipeline Pipeline { get; }

    /// <summary>The subscriptions to configuration reloads of a client registered with <c>AddDssClient</c>.</summary>
    internal List<IDisposable> ReloadSubscriptions { get; } = [];

    /// <summary>Applies the timeouts, size cap, retries and polling of <paramref name="options"/> from the
    /// next request or wait on; the connection (URL, credentials, headers, TLS) stays as it was built.</summary>
    internal void Retune(DssClientOptions options)
    {
        Pipeline.Retune(options);
        _futurePolling = options.FuturePolling;
    }

    /// <summary>Releases the HTTP stack, if this client created it.</summary>
    public void Dispose()
    {
        foreach (var subscription in ReloadSubscriptions)
        {
            subscription.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Names the DSS this client talks to; never shows the API key.</summary>
    public override string ToString() => $"DssClient({Url})";
}
