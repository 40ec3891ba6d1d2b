using DssApi;

namespace Acme.Scoring.Clients;

/// <summary>Clients of the deployed services, one per calling team.</summary>
internal static class ApiNodeTokens
{
    private static readonly string MarketingToken = "eyJhbGciOiJIUzI1NiJ9.marketing";
    private static readonly string? FinanceToken = Environment.GetEnvironmentVariable("FINANCE_TOKEN");

    public static DssApiNodeClient Marketing(Uri url) => new(new DssApiNodeClientOptions
    {
        Url = url,
        ServiceId = "churn",
        BearerToken = MarketingToken, // expect: DSS1008
    });

    public static DssApiNodeClient Finance(Uri url) => new(new DssApiNodeClientOptions
    {
        Url = url,
        ServiceId = "credit-risk",
        BearerToken = FinanceToken,
    });

    public static DssApiNodeClient Partner(Uri url, string partnerKey) => new(new DssApiNodeClientOptions
    {
        Url = url,
        ServiceId = "partner-scoring",
        ApiKey = new DssSecret(partnerKey),
    });

    public static DssApiNodeClient Legacy(Uri url) => new(new DssApiNodeClientOptions
    {
        Url = url,
        ServiceId = "legacy",
        ApiKey = new DssSecret("3f9a2c71e4b84d0f"), // expect: DSS1008
    });
}
