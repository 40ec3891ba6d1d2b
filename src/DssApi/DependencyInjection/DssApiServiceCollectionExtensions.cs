using DssApi;
using DssApi.DependencyInjection;
using DssApi.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="DssClient"/> in a service collection.</summary>
public static class DssApiServiceCollectionExtensions
{
    /// <summary>The configuration section read by default: <c>DssApi</c> (<c>DssApi:Url</c>, <c>DssApi:ApiKey</c> …).</summary>
    public const string DefaultConfigurationSection = "DssApi";

    /// <summary>The name of the <see cref="HttpClient"/> the client sends through.</summary>
    public const string HttpClientName = "DssApi";

    /// <summary>
    /// Registers a singleton <see cref="DssClient"/> over <c>IHttpClientFactory</c>, with options
    /// read from the <c>DssApi</c> configuration section (<c>Url</c>, <c>ApiKey</c>, <c>Timeout</c>, <c>SlowRouteTimeout</c>,
    /// <c>UserAgent</c>, <c>DangerousAcceptAnyServerCertificate</c>, <c>ExtraHeaders:&lt;name&gt;</c>,
    /// <c>Retry:MaxRetries</c>, <c>Retry:BaseDelay</c>, <c>Retry:MaxDelay</c>,
    /// <c>FuturePolling:DefaultTimeout</c>) then adjusted by <paramref name="configure"/>. The options
    /// are validated when the host starts, with a message naming what is wrong.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (or the section itself).</param>
    /// <param name="configure">Adjusts the options after they are read from configuration.</param>
    /// <returns>The builder of the named HTTP client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddDssClient(this IServiceCollection services, IConfiguration configuration,
        Action<DssClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: DefaultConfigurationSection }
            ? configuration
            : configuration.GetSection(DefaultConfigurationSection);
        return services.AddDssClient(options =>
        {
            DssClientOptionsBinder.Bind(section, options);
            configure?.Invoke(options);
        });
    }

    /// <summary>Registers a singleton <see cref="DssClient"/> over <c>IHttpClientFactory</c>, with
    /// options set in code and validated when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the named HTTP client, to add handlers to it.</returns>
    public static IHttpClientBuilder AddDssClient(this IServiceCollection services, Action<DssClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DssClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DssClientOptions>, DssClientOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var options = Resolve(provider);
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new DssClient(options, http);
        });
        return services.AddHttpClient(HttpClientName)
            // The singleton client keeps its handler; SocketsHttpHandler renews connections itself.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = Resolve(provider);
                return DssHttpStack.CreateHandler(options, options.Url!, DssHttpStack.CreateLogger(options));
            });
    }

    private static DssClientOptions Resolve(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<DssClientOptions>>().Value;
        options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        return options;
    }
}
