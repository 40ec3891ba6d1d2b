using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DssApi.DependencyInjection;

/// <summary>Finds registered clients by name, and builds each one once over its own named
/// <see cref="HttpClient"/>, following reloads of its configuration.</summary>
internal sealed class DssClientFactory(IServiceProvider services, IEnumerable<DssClientRegistration> registrations) : IDssClientFactory
{
    public DssClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return services.GetKeyedService<DssClient>(name)
            ?? throw new InvalidOperationException($"No DSS client named '{name}' is registered; registered with AddDssClient: "
                + string.Join(", ", registrations.Select(registration => $"'{registration.Name}'").Distinct()) + ".");
    }

    public static DssClient Build(IServiceProvider provider, DssClientRegistration registration)
    {
        var monitor = provider.GetRequiredService<IOptionsMonitor<DssClientOptions>>();
        var options = DssApiServiceCollectionExtensions.Resolve(provider, registration.Name);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(DssApiServiceCollectionExtensions.HttpClientNameOf(registration.Name));
        var client = new DssClient(options, http);
        var valid = monitor.OnChange((reloaded, name) =>
        {
            if (name == registration.Name)
            {
                DssClientReload.Apply(client, registration, options, reloaded);
            }
        });
        if (valid is not null)
        {
            client.ReloadSubscriptions.Add(valid);
        }

        if (registration.Section is { } section)
        {
            // The monitor never reports an edit that fails to bind or validate: it throws where nobody sees it.
            var factory = provider.GetRequiredService<IOptionsFactory<DssClientOptions>>();
            client.ReloadSubscriptions.Add(ChangeToken.OnChange(section.GetReloadToken,
                () => DssClientReload.ReportRejectedEdit(client, registration, factory)));
        }

        return client;
    }
}
