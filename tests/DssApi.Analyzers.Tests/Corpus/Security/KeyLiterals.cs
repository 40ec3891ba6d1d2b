using DssApi;
using Microsoft.Extensions.Configuration;

namespace Acme.Scoring.Clients;

/// <summary>How the teams connect, collected during the security review.</summary>
public static class KeyLiterals
{
    public const string DocumentationKey = "your-api-key-here";
    private static readonly string AdminKey = "dkuaps-ADMIN-1e5b0f77c9d2";
    private static string _mutableKey = "dkuaps-mutable-77";

    public static DssClient FromConfiguration(IConfiguration configuration) =>
        new(configuration["Dss:Url"]!, configuration["Dss:ApiKey"] ?? throw new InvalidOperationException("Dss:ApiKey is missing"));

    public static DssClient Admin(Uri url) => new(new DssClientOptions { Url = url, ApiKey = AdminKey }); // expect: DSS1008

    public static DssClient Documentation(Uri url) => new(new DssClientOptions { Url = url, ApiKey = DocumentationKey }); // expect: DSS1008

    public static DssClient Implicit(string url) => new(url, apiKey: "dkuaps-9c0e11"); // expect: DSS1008

    public static DssSecret Secret() => "dkuaps-as-secret-0042"; // expect: DSS1008

    public static DssClient FromEnvironmentOrConfiguration(IConfiguration configuration, string url)
    {
        var key = Environment.GetEnvironmentVariable("DSS_API_KEY") ?? configuration["Dss:ApiKey"];
        return new DssClient(new DssClientOptions { Url = new Uri(url), ApiKey = key });
    }

    public static DssClient FromTicket() => new(DssClientOptions.FromEnvironment());

    public static void Rotate(string newKey) => _mutableKey = newKey;

    public static DssClient Legacy(string url)
    {
        var key = "dkuaps-local-variable-55";
        return new DssClient(url, key); // expect: DSS1008
    }

    public static DssClient Empty(string url) => new(new DssClientOptions { Url = new Uri(url), ApiKey = null });
}
