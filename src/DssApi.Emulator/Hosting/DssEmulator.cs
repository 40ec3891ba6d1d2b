using System.Security.Cryptography;
using DssApi.Emulator.ApiNode;
using DssApi.Emulator.Deployer;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Futures;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Models;
using DssApi.Emulator.Routing;
using DssApi.Emulator.Secrets;
using DssApi.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DssApi.Emulator;

/// <summary>
/// A running DSS emulator: the public API (API Designer, API Deployer, futures) and the API node user API,
/// served over real HTTP. Start one with <see cref="StartAsync"/>, point a DSS client at <see cref="Url"/>
/// with <see cref="AdminApiKey"/>, and dispose it to stop it.
/// </summary>
/// <example>
/// <code>
/// await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions());
/// // dss.Url is e.g. http://127.0.0.1:41873 ; the public API is under dss.Url + "/dip/publicapi".
/// </code>
/// </example>
public sealed class DssEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorContext _context;
    private int _disposed;

    private DssEmulator(WebApplication app, EmulatorContext context)
    {
        _app = app;
        _context = context;
    }

    /// <summary>The bound base URL, e.g. <c>http://127.0.0.1:41873</c> (no trailing slash).</summary>
    public string Url => _context.BaseUrl;

    /// <summary>
    /// The admin API key, which authenticates every public API call, admin-only ones included (as Basic user name,
    /// Basic password, or Bearer token).
    /// </summary>
    public string AdminApiKey => _context.AdminApiKey;

    /// <summary>The key of the demo project that holds the demo saved models.</summary>
    public string DemoProjectKey => _context.Demo.ProjectKey;

    /// <summary>The ids of the demo saved models (a binary classifier, a regressor, a clustering model, a forecaster and an uplift model).</summary>
    public IReadOnlyList<string> DemoSavedModelIds => _context.Demo.SavedModels.Select(model => model.Id).ToArray();

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is in use).</exception>
    /// <exception cref="InvalidDataException">The data directory holds a state file the emulator cannot read.</exception>
    /// <exception cref="ArgumentException">An option is out of range, or a user API key is empty or the admin key.</exception>
    /// <param name="options">Listening address, API key, persistence and fault injection; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DssEmulator> StartAsync(DssEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DssEmulatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.FaultRate, nameof(options.FaultRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.FaultRate, 1, nameof(options.FaultRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero, nameof(options.Latency));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRequestBodySize, nameof(options.MaxRequestBodySize));
        var adminApiKey = options.AdminApiKey ?? RandomNumberGenerator.GetHexString(32, lowercase: true);
        if (options.UserApiKeys.Any(key => key.Length == 0 || key == adminApiKey))
        {
            throw new ArgumentException("A user API key can be neither empty nor the admin API key", nameof(options));
        }

        var demo = DemoProject.Load();
        var store = StateStore.Open(options.DataDirectory, () => SeedState(demo));
        var secrets = SecretBox.Open(options.DataDirectory, SecretFields.Load());

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var context = new EmulatorContext(
            options,
            adminApiKey,
            demo,
            store,
            secrets,
            new FutureRegistry(loggerFactory.CreateLogger<FutureRegistry>()));
        var pipeline = new EmulatorPipeline(context, BuildRoutes(context), loggerFactory.CreateLogger<EmulatorPipeline>());
        app.Run(pipeline.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // A port already in use, say: release what the host holds before reporting it.
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        context.BaseUrl = addresses.First().TrimEnd('/');
        DeploymentUpdates.RecoverInterrupted(context);
        return new DssEmulator(app, context);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Aborts running futures (a running update is recorded as failed), stops listening and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _context.Futures.AbortAllAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static RouteTable BuildRoutes(EmulatorContext context)
    {
        var routes = new RouteTable();
        DesignerRoutes.Map(routes, context);
        InfraRoutes.Map(routes, context);
        PublishedServiceRoutes.Map(routes, context);
        DeploymentRoutes.Map(routes, context);
        FutureRoutes.Map(routes, context.Futures);
        ApiNodeRoutes.Map(routes, context);
        return routes;
    }

    private static EmulatorState SeedState(DemoProject demo)
    {
        var state = new EmulatorState();
        var project = new ProjectState();
        foreach (var model in demo.SavedModels)
        {
            project.ActiveModelVersions[model.Id] = model.ActiveVersion;
        }

        state.Projects[demo.ProjectKey] = project;
        return state;
    }
}
