using System.Net.Http;
using System.Net.Security;
using DssApi;
using Microsoft.Extensions.Configuration;

namespace Acme.Platform.Net;

/// <summary>One place that builds DSS clients for every service of the platform.</summary>
public sealed class ClientFactory(IConfiguration configuration)
{
    public DssClient Create(string instance)
    {
        var section = configuration.GetSection($"Dss:{instance}");
        var options = new DssClientOptions
        {
            Url = new Uri(section["Url"]!),
            ApiKey = section["ApiKey"],
            UserAgent = "acme-platform/2.3",
        };
        options.Retry.MaxRetries = 5;
        return new DssClient(options);
    }

    public DssClient CreateForStaging(string instance)
    {
        var section = configuration.GetSection($"Dss:{instance}");
        var handler = new HttpClientHandler();
        if (section.GetValue<bool>("SelfSigned"))
        {
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true; // expect: DSS1009
        }

        return new DssClient(new DssClientOptions { Url = new Uri(section["Url"]!), ApiKey = section["ApiKey"], HttpMessageHandler = handler });
    }

    public DssClient CreateWithPolicyCheck(string instance)
    {
        var section = configuration.GetSection($"Dss:{instance}");
        var allowedName = section["CertificateName"];
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                return errors == SslPolicyErrors.RemoteCertificateNameMismatch && certificate?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false) == allowedName;
            },
        };
        return new DssClient(new DssClientOptions { Url = new Uri(section["Url"]!), ApiKey = section["ApiKey"], HttpMessageHandler = handler });
    }

    public DssApiNodeClient CreateNode(string instance, string serviceId)
    {
        var section = configuration.GetSection($"ApiNode:{instance}");
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => // expect: DSS1009
            {
                Console.WriteLine($"certificate {certificate?.Subject} for {request.RequestUri}: {errors}");
                return true;
            },
        };
        return new DssApiNodeClient(new DssApiNodeClientOptions
        {
            Url = new Uri(section["Url"]!),
            ServiceId = serviceId,
            ApiKey = section["ApiKey"],
            HttpMessageHandler = handler,
        });
    }

    public DssApiNodeClient CreateNodeInsecure(string instance, string serviceId) => new(new DssApiNodeClientOptions
    {
        Url = new Uri(configuration[$"ApiNode:{instance}:Url"]!),
        ServiceId = serviceId,
        ApiKey = configuration[$"ApiNode:{instance}:ApiKey"],
        HttpClient = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }), // expect: DSS1009
    });
}
