namespace DssApi;

/// <summary>Settings of a <see cref="DssApiNodeClient"/>: the API node, the service, and how to
/// authenticate (an API key, a bearer token, or nothing for a public service).</summary>
public sealed class DssApiNodeClientOptions : DssTransportOptions
{
    /// <summary>The API node base URL, for instance <c>https://apinode.example.com:12000</c>;
    /// the client adds <c>/public/api/v1/&lt;service&gt;</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The id of the deployed service to query.</summary>
    public string? ServiceId { get; set; }

    /// <summary>An API key of the service (sent as HTTP Basic, as DSS clients do). Wins over
    /// <see cref="BearerToken"/> when both are set.</summary>
    public DssSecret? ApiKey { get; set; }

    /// <summary>An OAuth2 bearer token, for services that use OAuth2.</summary>
    public DssSecret? BearerToken { get; set; }
}
