using DssApi;
using Microsoft.Extensions.Configuration;

namespace Acme.Platform.Net;

internal static class TlsOptions
{
    public static DssClientOptions ForEnvironment(IConfiguration configuration, string environmentName)
    {
        var options = new DssClientOptions
        {
            Url = new Uri(configuration["Dss:Url"]!),
            ApiKey = configuration["Dss:ApiKey"],
        };

        if (environmentName == "Development")
        {
            options.DangerousAcceptAnyServerCertificate = true; // expect: DSS1009
        }

        return options;
    }

    public static DssClientOptions FromSettings(IConfiguration configuration) => new()
    {
        Url = new Uri(configuration["Dss:Url"]!),
        ApiKey = configuration["Dss:ApiKey"],
        DangerousAcceptAnyServerCertificate = configuration.GetValue("Dss:InsecureTls", false),
    };

    public static DssClientOptions Strict(IConfiguration configuration) => new()
    {
        Url = new Uri(configuration["Dss:Url"]!),
        ApiKey = configuration["Dss:ApiKey"],
        DangerousAcceptAnyServerCertificate = false,
    };

    public static DssApiNodeClientOptions ForApiNode(Uri url, string serviceId, bool selfSigned)
    {
        var options = new DssApiNodeClientOptions { Url = url, ServiceId = serviceId, BearerToken = Environment.GetEnvironmentVariable("NODE_TOKEN") };
        options.DangerousAcceptAnyServerCertificate = selfSigned;
        return options;
    }

    public static DssApiNodeClientOptions ForApiNodeLab(Uri url, string serviceId)
    {
        var options = new DssApiNodeClientOptions { Url = url, ServiceId = serviceId, BearerToken = Environment.GetEnvironmentVariable("NODE_TOKEN") };
        const bool acceptSelfSigned = true;
        options.DangerousAcceptAnyServerCertificate = acceptSelfSigned; // expect: DSS1009
        return options;
    }
}
