using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DssApi.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DssApi.Transport;

/// <summary>Builds the HTTP stack and the authorization header a client sends with.</summary>
internal static class DssHttpStack
{
    /// <summary>
    /// The <see cref="HttpClient"/> to use: the caller's, or one over the caller's handler, or one
    /// over a handler built from the options. <paramref name="owned"/> says whether the DssApi
    /// client must dispose it.
    /// </summary>
    public static HttpClient CreateHttpClient(DssTransportOptions options, Uri baseUrl, ILogger logger, out bool owned)
    {
        var customStack = options.HttpClient is not null || options.HttpMessageHandler is not null;
        if (customStack && (options.DangerousAcceptAnyServerCertificate || options.ClientCertificate is not null))
        {
            throw new ArgumentException(
                "DangerousAcceptAnyServerCertificate and ClientCertificate apply to the HTTP stack DssApi builds; " +
                "with your own HttpClient or HttpMessageHandler, configure TLS on it instead.", nameof(options));
        }

        if (options.HttpClient is not null)
        {
            owned = false;
            return options.HttpClient;
        }

        owned = true;
        if (options.HttpMessageHandler is not null)
        {
            return new HttpClient(options.HttpMessageHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        return new HttpClient(CreateHandler(options, baseUrl, logger), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The logger the options name, or none.</summary>
    public static ILogger CreateLogger(DssTransportOptions options) =>
        options.LoggerFactory?.CreateLogger("DssApi") ?? NullLogger.Instance;

    /// <summary>The header carrying the internal ticket of code DSS runs.</summary>
    public const string TicketHeader = "X-DKU-APITicket";

    /// <summary>HTTP Basic with the key as user name and an empty password, as DSS clients send it.</summary>
    public static AuthenticationHeaderValue BasicAuthorization(DssSecret apiKey) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey.Reveal() + ":")));

    /// <summary>An OAuth2 bearer token.</summary>
    public static AuthenticationHeaderValue BearerAuthorization(DssSecret token) => new("Bearer", token.Reveal());

    /// <summary>Checks an absolute http(s) URL and returns it with the given path appended.</summary>
    public static Uri AppendPath(Uri? url, string path, string optionName)
    {
        if (url is null)
        {
            throw new ArgumentException($"{optionName} is required.", optionName);
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{optionName} must be an absolute http or https URL, not '{url}'.", optionName);
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            throw new ArgumentException($"{optionName} must not have a query or fragment: '{url}'.", optionName);
        }

        return new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);
    }

    /// <summary>The handler DssApi builds: pooled connections with a bounded lifetime (on netstandard2.0,
    /// whose <see cref="HttpClientHandler"/> has no such setting, the platform's own pooling), decompression,
    /// no automatic redirects, and the TLS settings of the options.</summary>
    public static HttpMessageHandler CreateHandler(DssTransportOptions options, Uri baseUrl, ILogger logger)
    {
#if NETSTANDARD2_0
        var handler = new HttpClientHandler
#else
        var handler = new SocketsHttpHandler
#endif
        {
#if !NETSTANDARD2_0
            // DNS changes are picked up and connections do not live forever in a long-lived client.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
#endif
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            // A redirect would carry the key, the extra headers and (on 307/308) the body to another
            // origin; the pipeline turns every 3xx into an error instead.
            AllowAutoRedirect = false,
            // A proxy taken from the environment must not capture traffic meant for this machine.
            UseProxy = !baseUrl.IsLoopback,
        };
        if (options.DangerousAcceptAnyServerCertificate)
        {
            DssLog.CertificateValidationDisabled(logger, baseUrl);
#if NETSTANDARD2_0
            handler.ServerCertificateCustomValidationCallback = static (_, _, _, _) => true;
#else
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#endif
        }

        if (options.ClientCertificate is not null)
        {
#if NETSTANDARD2_0
            handler.ClientCertificates.Add(options.ClientCertificate);
#else
            handler.SslOptions.ClientCertificates = [options.ClientCertificate];
#endif
        }

        return handler;
    }

    /// <summary>Whether the request failed before a connection was made, so DSS cannot have seen it.
    /// netstandard2.0 has no <c>HttpRequestError</c>: there a refused socket is the one sure sign.</summary>
    public static bool IsConnectionRefused(Exception failure) =>
#if NETSTANDARD2_0
        failure is HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } };
#else
        failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
#endif
}
