using DssApi.Emulator;

namespace DssApi.Testing;

/// <summary>
/// An xunit fixture that starts a <see cref="DssEmulator"/> on a free loopback port before the first
/// test of a class and stops it after the last, with a <see cref="DssClient"/> connected to it with
/// the emulator's admin key. Thread-safe to share between the tests of the class, as the client is.
/// </summary>
/// <example>
/// <code>
/// public class DeploymentTests(DssEmulatorFixture dss) : IClassFixture&lt;DssEmulatorFixture&gt;
/// {
///     [Fact]
///     public async Task Creates_a_service()
///     {
///         var service = await dss.Client.GetProject(dss.Emulator.DemoProjectKey).CreateApiServiceAsync("scoring");
///     }
/// }
/// </code>
/// To change the emulator's options (latency, fault rate, data directory, API keys), derive from this
/// class and override <see cref="CreateOptions"/>.
/// </example>
public class DssEmulatorFixture : IAsyncLifetime
{
    private DssEmulator? _emulator;
    private DssClient? _client;

    /// <summary>The running emulator: its URL, admin key, demo project and saved models.</summary>
    /// <exception cref="InvalidOperationException">Read before xunit started the fixture.</exception>
    public DssEmulator Emulator => _emulator ?? throw NotStarted();

    /// <summary>A client of the emulator's public API, authenticated with its admin key.</summary>
    /// <exception cref="InvalidOperationException">Read before xunit started the fixture.</exception>
    public DssClient Client => _client ?? throw NotStarted();

    /// <summary>The options the emulator starts with; the defaults unless a derived fixture says otherwise.</summary>
    protected virtual DssEmulatorOptions CreateOptions() => new();

    /// <summary>Starts the emulator and connects the client; xunit calls it before the first test.</summary>
    public async Task InitializeAsync()
    {
        _emulator = await DssEmulator.StartAsync(CreateOptions());
        _client = new DssClient(new DssClientOptions { Url = new Uri(_emulator.Url), ApiKey = _emulator.AdminApiKey });
    }

    /// <summary>Disposes the client and stops the emulator; xunit calls it after the last test.</summary>
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private InvalidOperationException NotStarted() => new(
        $"{GetType().Name} is not started yet: take it as an xunit class or collection fixture, which starts it before the tests run.");
}
