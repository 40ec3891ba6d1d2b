namespace DssApi.Tests.Infrastructure;

public static class Clients
{
    public const string ApiKey = "s3cr3t-KEY-value";

    /// <summary>A client for a loopback server, with fast future polling so tests stay quick.</summary>
    public static DssClient For(LoopbackServer server, Action<DssClientOptions>? configure = null)
    {
        var options = new DssClientOptions { Url = server.Url, ApiKey = ApiKey };
        options.FuturePolling.InitialDelay = TimeSpan.FromMilliseconds(5);
        options.FuturePolling.MaxDelay = TimeSpan.FromMilliseconds(20);
        configure?.Invoke(options);
        return new DssClient(options);
    }
}
