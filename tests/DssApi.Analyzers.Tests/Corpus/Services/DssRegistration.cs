using DssApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Acme.Scoring.Web;

public static class DssRegistration
{
    public static IServiceCollection AddScoringDss(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDssClient(configuration);
        return services;
    }

    public static IServiceCollection AddScoringDssFromOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDssClient(options =>
        {
            options.Url = new Uri(configuration["Dss:Url"] ?? "https://dss.internal.acme.com");
            options.ApiKey = configuration["Dss:ApiKey"];
            options.Timeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }

    public static IServiceCollection AddScoringDssForDemo(this IServiceCollection services)
    {
        services.AddDssClient(options =>
        {
            options.Url = new Uri("https://dss-demo.acme.com");
            options.ApiKey = "dkuaps-demo-7f3e21c9a4b04e55"; // expect: DSS1008
        });
        return services;
    }

    public static IServiceCollection AddScoringDssLab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDssClient(options =>
        {
            options.Url = new Uri(configuration["Dss:Url"]!);
            options.ApiKey = configuration["Dss:ApiKey"];
            options.DangerousAcceptAnyServerCertificate = true; // expect: DSS1009
        });
        return services;
    }

    public static IServiceCollection AddScoringDssTrusting(this IServiceCollection services, IConfiguration configuration)
    {
        var trustAll = configuration.GetValue<bool>("Dss:TrustAnyCertificate");
        services.AddDssClient(options =>
        {
            options.Url = new Uri(configuration["Dss:Url"]!);
            options.ApiKey = configuration["Dss:ApiKey"];
            options.DangerousAcceptAnyServerCertificate = trustAll;
        });
        return services;
    }
}
