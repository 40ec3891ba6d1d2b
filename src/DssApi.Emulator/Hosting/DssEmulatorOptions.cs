namespace DssApi.Emulator;

/// <summary>How a <see cref="DssEmulator"/> listens, authenticates, persists and misbehaves.</summary>
public sealed class DssEmulatorOptions
{
    /// <summary>
    /// The address to listen on. Defaults to <c>http://127.0.0.1:0</c>: loopback, on a free port chosen by the system
    /// (read the bound address from <see cref="DssEmulator.Url"/>).
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>The admin API key of the public API; a random key when null (read it from <see cref="DssEmulator.AdminApiKey"/>).</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// API keys of a user without admin rights. They call the public API like the admin key, except the
    /// admin-only routes (creating, saving and deleting infrastructures), which refuse them with 403.
    /// </summary>
    public IReadOnlyList<string> UserApiKeys { get; set; } = [];

    /// <summary>
    /// The admin API key of the emulator's own API node. When set, a deployment update reaches a STATIC
    /// infrastructure's API node at the emulator's URL only if the node's admin key in the infrastructure
    /// settings is this key; when null (the default) any admin key is accepted.
    /// </summary>
    public string? ApiNodeAdminApiKey { get; set; }

    /// <summary>
    /// A folder where the state is persisted as JSON after every change and reloaded at start.
    /// When null (the default) the state lives in memory only.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// The largest request body accepted, in bytes (Kestrel's default, 30 MB, unless set); a larger body is
    /// refused with 413 and DSS's error JSON.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 30_000_000;

    /// <summary>A delay added before every response, to exercise client timeouts.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The probability (0 to 1) that a request meets an injected fault. A third of the faults answer 503
    /// with a DSS error body before processing the request, a third drop the connection before processing
    /// it (nothing changed), and a third process it, then drop the connection instead of answering (the
    /// change happened but the answer was lost).
    /// </summary>
    public double FaultRate { get; set; }

    /// <summary>Seeds the fault injector (which requests fail, and how) and RANDOM traffic splits so runs are reproducible.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How long each of the three steps of a deployment update takes (the update runs as a future).</summary>
    public TimeSpan UpdateStepDuration { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The version announced in the <c>DSS-Version</c> header.</summary>
    public string DssVersion { get; set; } = "14.3.3";

    /// <summary>
    /// The minimum level of the emulator's console log. Defaults to <see cref="LogLevel.Warning"/> so
    /// tests stay quiet; <see cref="LogLevel.None"/> silences it.
    /// </summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
