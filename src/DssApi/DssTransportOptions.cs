using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace DssApi;

/// <summary>
/// How a DssApi client reaches a server: timeouts, headers, TLS and the HTTP stack to use.
/// Shared by <see cref="DssClientOptions"/> and <see cref="DssApiNodeClientOptions"/>.
/// </summary>
/// <remarks>On .NET Framework and other netstandard2.0 platforms the stack DssApi builds is an
/// <see cref="HttpClientHandler"/>: connections are not renewed every 5 minutes (the platform pools them
/// its own way), and a retried POST whose first attempt failed counts as possibly seen by DSS unless the
/// connection was refused, since those platforms do not say whether a request left the machine.</remarks>
public abstract class DssTransportOptions
{
    /// <summary>The longest a single attempt of a request may take, from sending it to reading its whole
    /// response (for streamed downloads: until the response headers arrive). Default 100 s;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The longest a streamed download may go without receiving a byte before it fails
    /// with <see cref="DssTimeoutException"/>. Default 60 s;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest response body the client reads into memory, counted after
    /// decompression (streamed downloads are not counted). A larger body fails with
    /// <see cref="DssProtocolException"/> and is not retried. Default 256 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>The longest a single attempt may take on a slow route, where DSS builds something
    /// inside the request (create a package, publish it, import a version, run test queries, run
    /// queries). Null (the default) gives those routes the schema's slow-route timeout (10 minutes
    /// for the DSS schema), or <see cref="Timeout"/> when that is longer;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan? SlowRouteTimeout { get; set; }

    /// <summary>Headers added to every request (for instance a tenant or tracing header).</summary>
    public IDictionary<string, string> ExtraHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>User-Agent</c> header; defaults to <c>DssApi/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>An <see cref="System.Net.Http.HttpClient"/> to send requests with (for instance one
    /// from <c>IHttpClientFactory</c>). The DssApi client does not dispose it, and does not change
    /// its settings: its own <see cref="System.Net.Http.HttpClient.Timeout"/> still applies (and
    /// surfaces as <see cref="DssTimeoutException"/>), and if its handler follows redirects, the API key
    /// follows them too: turn automatic redirects off on it.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>A handler to build the HTTP stack on (for instance to add a proxy or a
    /// delegating handler). Not disposed by the DssApi client. Turn its automatic redirects off: the
    /// client rejects every redirect, but a handler that follows one has already sent the API key on.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// Turns OFF the validation of the server's TLS certificate: any certificate, expired,
    /// self-signed or for another host, is accepted. This exposes every request, API key
    /// included, to interception. Use it only against a test server you control.
    /// </summary>
    public bool DangerousAcceptAnyServerCertificate { get; set; }

    /// <summary>A client certificate for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>How transient failures of requests that are safe to repeat are retried.</summary>
    public DssRetryOptions Retry { get; } = new();

    /// <summary>Where the client logs requests (debug), retries and job progress (information)
    /// and warnings. Secrets and headers are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
