using DssApi;

namespace Acme.Tools.Debugging;

/// <summary>Settings of the support team's debugging console.</summary>
internal sealed class DebugSettings
{
    public bool Insecure { get; init; }

    public DssClientOptions ToOptions(Uri url, string apiKey)
    {
        var options = new DssClientOptions { Url = url, ApiKey = apiKey };
        options.DangerousAcceptAnyServerCertificate = Insecure;
        return options;
    }

    public static DssClientOptions Console(Uri url, string apiKey)
    {
        var options = new DssClientOptions { Url = url, ApiKey = apiKey };
        if (System.Diagnostics.Debugger.IsAttached)
        {
            options.DangerousAcceptAnyServerCertificate = true; // expect: DSS1009
        }

        return options;
    }

    public static DssClientOptions Proxy(Uri url, string apiKey) => new()
    {
        Url = url,
        ApiKey = apiKey,
        Timeout = TimeSpan.FromMinutes(2),
        DangerousAcceptAnyServerCertificate = true, // expect: DSS1009
        UserAgent = "support-console",
    };
}
