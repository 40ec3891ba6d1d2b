using System.ComponentModel;
using DssApi.Transport;

namespace DssApi;

/// <summary>
/// Queries one service deployed on a DSS API node (predict, forecast, lookup, SQL query, run
/// function …, through the generated members). Thread-safe and cheap to share.
/// </summary>
public sealed class DssApiNodeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client for one service of an API node.</summary>
    /// <param name="options">The API node URL, the service id, the credentials and the transport settings.</param>
    /// <exception cref="ArgumentException">The URL or the service id is missing or invalid.</exception>
    public DssApiNodeClient(DssApiNodeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServiceId is null or "")
        {
            throw new ArgumentException("A service id is required (DssApiNodeClientOptions.ServiceId).", nameof(options));
        }

        ServiceId = options.ServiceId;
        Url = options.Url!;
        var baseUrl = DssHttpStack.AppendPath(options.Url, "/public/api/v1/" + DssPath.EscapeSegment(ServiceId, "serviceId"),
            "DssApiNodeClientOptions.Url");
        var authorization = options.ApiKey is not null ? DssHttpStack.BasicAuthorization(options.ApiKey)
            : options.BearerToken is not null ? DssHttpStack.BearerAuthorization(options.BearerToken)
            : null;
        var logger = DssHttpStack.CreateLogger(options);
        _http = DssHttpStack.CreateHttpClient(options, baseUrl, logger, out _ownsHttp);
        Pipeline = new DssPipeline(_http, baseUrl, authorization, options, logger);
    }

    /// <summary>The API node base URL.</summary>
    public Uri Url { get; }

    /// <summary>The id of the service this client queries.</summary>
    public string ServiceId { get; }

    /// <summary>The transport the generated members send their requests through.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public DssPipeline Pipeline { get; }

    /// <summary>Releases the HTTP stack, if this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Names the service this client queries; never shows a credential.</summary>
    public override string ToString() => $"DssApiNodeClient({Url}, {ServiceId})";
}
