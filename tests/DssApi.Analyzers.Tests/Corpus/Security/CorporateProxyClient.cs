using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DssApi;

namespace Acme.Platform.Net;

/// <summary>DSS behind the corporate TLS-inspecting proxy: its certificate authority is pinned by thumbprint.</summary>
public static class CorporateProxyClient
{
    private const string ProxyCaThumbprint = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";

    public static DssClient Create(Uri url, string apiKey)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                return chain?.ChainElements.Any(e => e.Certificate.Thumbprint == ProxyCaThumbprint) == true;
            },
            AllowAutoRedirect = false,
        };

        return new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey, HttpMessageHandler = handler });
    }

    public static DssClient CreateTrustingEverything(Uri url, string apiKey)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // expect: DSS1009
            AllowAutoRedirect = false,
        };

        return new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey, HttpMessageHandler = handler });
    }

    public static DssClient CreateWithLambda(Uri url, string apiKey)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true; // expect: DSS1009
        return new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey, HttpClient = new HttpClient(handler) });
    }

    public static DssClient CreateWithBlockLambda(Uri url, string apiKey, Action<string> log)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => // expect: DSS1009
        {
            if (errors != SslPolicyErrors.None)
            {
                log($"ignoring {errors} for {message.RequestUri}");
                return true;
            }

            return true;
        };
        return new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey, HttpMessageHandler = handler });
    }

    public static HttpClient CreateForMetrics()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        return new HttpClient(handler) { BaseAddress = new Uri("https://graphite.internal:8443") };
    }
}
