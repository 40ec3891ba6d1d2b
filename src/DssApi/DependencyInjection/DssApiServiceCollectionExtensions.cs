using DssApi;
using DssApi.DependencyInjection;
using DssApi.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="DssClient"/>s in a service collection: a default one, and named ones for
/// applications that talk to several DSS instances.</summary>
public static class DssApiServiceCollectionExtensions
{
    /// <summary>The configuration section read by default: <c>DssApi</c> (<c>DssApi:Url</c>, <c>DssApi:ApiKey</c> …).</summary>
    public const string DefaultConfigurationSection = "DssApi";

    /// <summary>The name of the <see cref="HttpClient"/> the default client sends through; a named
    /// client's is <c>DssApi:&lt;name&gt;</c>.</summary>
    public const string HttpClientName = "DssApi";

    /// <summary>
    /// Registers a singleton <see cref="DssClient"/> over <c>IHttpClientFactory</c>, with options read from
    /// the <c>DssApi</c> configuration section (every option of <see cref="DssClientOptions"/> but those only
    /// code can set: <c>HttpClient</c>, <c>HttpMessageHandler</c>, <c>LoggerFactory</c>, <c>ClientCertificate</c>)
    /// then adjusted by <paramref name="configure"/>. The options are validated when the host starts, with a
    /// message naming what is wrong; a key that matches no option is an error naming it and the closest
    /// option. When the configuration is reloaded, timeouts, retries and future polling apply to the live
    /// client; a changed URL, key, header or TLS setting is logged as a warning and needs a new client.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (or the <c>DssApi</c> section itself).</param>
    /// <param name="configure">Adjusts the options after they are read from configuration.</param>
    /// <returns>The builder of the named HTTP client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddDssClient(this IServiceCollection services, IConfiguration configuration,
        Action<DssClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: DefaultConfigurationSection }
            ? configuration
            : configuration.GetSection(DefaultConfigurationSection);
        return services.Register(Options.Options.DefaultName, section, configure);
    }

    /// <summary>Registers a singleton <see cref="DssClient"/> over <c>IHttpClientFactory</c>, with
    /// options set in code and validated when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the named HTTP client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddDssClient(this IServiceCollection services, Action<DssClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.Register(Options.Options.DefaultName, section: null, configure);
    }

    /// <summary>
    /// Registers a client named <paramref name="name"/>, for an application that talks to several DSS
    /// instances: its options are read from <paramref name="configuration"/> itself (such as
    /// <c>configuration.GetSection("Dss:Prod")</c>), as <see cref="AddDssClient(IServiceCollection, IConfiguration, Action{DssClientOptions})"/>
    /// reads the <c>DssApi</c> section, and it has its own <see cref="HttpClient"/> (<c>DssApi:&lt;name&gt;</c>).
    /// Get it from <see cref="IDssClientFactory"/> or as a keyed service (<c>[FromKeyedServices("prod")]</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name of the client.</param>
    /// <param name="configuration">The configuration section of this client.</param>
    /// <param name="configure">Adjusts the options after they are read from configuration.</param>
    /// <returns>The builder of the client's HTTP client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddDssClient(this IServiceCollection services, string name, IConfiguration configuration,
        Action<DssClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.Register(name, configuration, configure);
    }

    /// <summary>Registers a client named <paramref name="name"/> with options set in code; see
    /// <see cref="AddDssClient(IServiceCollection, string, IConfiguration, Action{DssClientOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name of the client.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's HTTP client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddDssClient(this IServiceCollection services, string name, Action<DssClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        return services.Register(name, section: null, configure);
    }

    /// <summary>The name of the <see cref="HttpClient"/> of the client registered as <paramref name="name"/>.</summary>
    internal static string HttpClientNameOf(string name) => name.Length == 0 ? HttpClientName : $"{HttpClientName}:{name}";

    /// <summary>The options of the client registered as <paramref name="name"/>, logging through the application's loggers.</summary>
    internal static DssClientOptions Resolve(IServiceProvider provider, string name)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<DssClientOptions>>().Get(name);
        options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        return options;
    }

    private static IHttpClientBuilder Register(this IServiceCollection services, string name, IConfiguration? section,
        Action<DssClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DssClientOptions>(name);
        if (section is not null)
        {
            options.Configure(bound => DssClientConfiguration.Bind(section, bound));
            services.AddSingleton<IOptionsChangeTokenSource<DssClientOptions>>(new DssConfigurationChangeTokenSource(name, section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        var configurationPath = section is null
            ? (name.Length == 0 ? DefaultConfigurationSection : name)
            : (section as IConfigurationSection)?.Path ?? string.Empty;
        var registration = new DssClientRegistration(name, configurationPath, section);
        services.AddSingleton(registration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DssClientOptions>, DssClientOptionsValidator>());
        services.TryAddSingleton<IDssClientFactory, DssClientFactory>();
        services.TryAddKeyedSingleton(name, (provider, _) => DssClientFactory.Build(provider, registration));
        if (name.Length == 0)
        {
            services.TryAddSingleton(static provider => provider.GetRequiredKeyedService<DssClient>(Options.Options.DefaultName));
        }

        return services.AddHttpClient(HttpClientNameOf(name))
            // The client's own Timeout is the one that applies, per attempt; the HttpClient's 100 s must not cut it short.
            .ConfigureHttpClient(static http => http.Timeout = Timeout.InfiniteTimeSpan)
            // The factory's logging handlers write every header at Trace: the Authorization header and the extra
            // headers carry secrets, so no header value of this client is ever logged.
            .RedactLoggedHeaders(static _ => true)
            // The singleton client keeps its handler; SocketsHttpHandler renews connections itself.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var resolved = Resolve(provider, name);
                return DssHttpStack.CreateHandler(resolved, resolved.Url!, DssHttpStack.CreateLogger(resolved));
            });
    }
}
