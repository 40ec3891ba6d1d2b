using System.Net.Http;
using System.Net.Security;
using DssApi;

namespace Acme.Lab.Clients;

/// <summary>Clients for the lab DSS instances, which use self-signed certificates.</summary>
public static class LabClients
{
    public static DssClient Create(Uri url, string apiKey) => new(new DssClientOptions
    {
        Url = url,
        ApiKey = apiKey,
        DangerousAcceptAnyServerCertificate = true, // expect: DSS1009
    });

    public static DssClient CreateWithHandler(Uri url, string apiKey)
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator; // expect: DSS1009
        var options = new DssClientOptions { Url = url, ApiKey = apiKey };
        options.HttpMessageHandler = handler;
        return new DssClient(options);
    }

    public static DssClient CreateWithDiscardLambda(Uri url, string apiKey)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = delegate { return true; } }; // expect: DSS1009
        return new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey, HttpMessageHandler = handler });
    }

    public static DssApiNodeClient CreateNode(Uri url, string serviceId, string apiKey)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }; // expect: DSS1009
        return new DssApiNodeClient(new DssApiNodeClientOptions { Url = url, ServiceId = serviceId, ApiKey = apiKey, HttpClient = new HttpClient(handler) });
    }

    public static DssApiNodeClient CreateNodeValidated(Uri url, string serviceId, string apiKey, string expectedThumbprint)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate?.Thumbprint == expectedThumbprint,
        };
        return new DssApiNodeClient(new DssApiNodeClientOptions { Url = url, ServiceId = serviceId, ApiKey = apiKey, HttpMessageHandler = handler });
    }

    public static DssClient CreateStrict(Uri url, string apiKey)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CheckCertificateRevocationList = true };
        return new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey, HttpMessageHandler = handler });
    }

    public static (DssClient Dss, HttpClient Webhook) CreatePair(Uri url, string apiKey, Uri webhook)
    {
        var insecure = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var dss = new DssClient(new DssClientOptions { Url = url, ApiKey = apiKey });
        return (dss, new HttpClient(insecure) { BaseAddress = webhook });
    }
}
