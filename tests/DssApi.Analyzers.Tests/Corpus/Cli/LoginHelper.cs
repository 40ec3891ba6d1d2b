using DssApi;

namespace Acme.Tools.DssCtl;

/// <summary>How dssctl finds the DSS to talk to: flags, then environment, then the profile file.</summary>
internal static class LoginHelper
{
    private static readonly string FallbackKey = "dkuaps-0c1d5f3e8a7b4f2a9e6d"; 
    private const string SandboxKey = "dkuaps-sandbox-5512aa";

    public static DssClient Connect(string? url, string? apiKey)
    {
        var options = new DssClientOptions
        {
            Url = new Uri(url ?? Environment.GetEnvironmentVariable("DSS_URL") ?? "http://localhost:11200"),
            ApiKey = apiKey ?? Environment.GetEnvironmentVariable("DSS_API_KEY") ?? FallbackKey, // expect: DSS1008
        };
        return new DssClient(options);
    }

    public static DssClient ConnectSandbox() => new("https://sandbox.dss.acme.com", SandboxKey); // expect: DSS1008

    public static DssClient ConnectFromProfile(string profilePath)
    {
        var lines = File.ReadAllLines(profilePath);
        var url = lines.First(l => l.StartsWith("url=")).Substring(4);
        var key = lines.First(l => l.StartsWith("key=")).Substring(4);
        return new DssClient(url, key);
    }

    public static DssClient ConnectWithFallback(string url) =>
        new(url, Environment.GetEnvironmentVariable("DSS_API_KEY") ?? "dkuaps-fallback-4d2c"); // expect: DSS1008

    public static DssClient ConnectAnonymousCheck(string url, bool useSandbox) =>
        new(url, useSandbox ? "dkuaps-sandbox-77aa" : Environment.GetEnvironmentVariable("DSS_API_KEY")!); // expect: DSS1008
}
