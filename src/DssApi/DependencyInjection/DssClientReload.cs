using DssApi.Diagnostics;
using Microsoft.Extensions.Options;

namespace DssApi.DependencyInjection;

/// <summary>
/// What an edit of a registered client's configuration changes on the live client. Timeouts, the size cap,
/// retries and future polling apply from the next request or wait. The settings the connection is built
/// from (URL, credentials, headers, user agent, TLS) do not: the HTTP stack, the authorization header and
/// the scrubbing of secrets from error texts were made from them, so a change is logged as a warning that
/// names the keys (never their values) and takes effect in a new client, after a restart.
/// </summary>
internal static class DssClientReload
{
    public static void Apply(DssClient client, DssClientRegistration registration, DssClientOptions built, DssClientOptions reloaded)
    {
        client.Retune(reloaded);
        var changed = ConnectionChanges(built, reloaded).Select(registration.Key).ToArray();
        if (changed.Length > 0)
        {
            DssLog.ConnectionSettingsChanged(client.Pipeline.Logger, string.Join(", ", changed));
        }
    }

    /// <summary>Logs an edit of the configuration that cannot be bound or validated, which leaves the client as it was.</summary>
    public static void ReportRejectedEdit(DssClient client, DssClientRegistration registration, IOptionsFactory<DssClientOptions> factory)
    {
        try
        {
            factory.Create(registration.Name);
        }
        catch (Exception error) when (error is OptionsValidationException or InvalidOperationException)
        {
            DssLog.ConfigurationEditRejected(client.Pipeline.Logger, registration.ConfigurationPath, error.Message);
        }
    }

    private static IEnumerable<string> ConnectionChanges(DssClientOptions built, DssClientOptions reloaded)
    {
        if (built.Url != reloaded.Url)
        {
            yield return nameof(DssClientOptions.Url);
        }

        if (built.ApiKey?.Reveal() != reloaded.ApiKey?.Reveal())
        {
            yield return nameof(DssClientOptions.ApiKey);
        }

        if (built.InternalTicket?.Reveal() != reloaded.InternalTicket?.Reveal())
        {
            yield return nameof(DssClientOptions.InternalTicket);
        }

        if (built.UserAgent != reloaded.UserAgent)
        {
            yield return nameof(DssClientOptions.UserAgent);
        }

        if (built.DangerousAcceptAnyServerCertificate != reloaded.DangerousAcceptAnyServerCertificate)
        {
            yield return nameof(DssClientOptions.DangerousAcceptAnyServerCertificate);
        }

        if (built.ExtraHeaders.Count != reloaded.ExtraHeaders.Count
            || built.ExtraHeaders.Any(header => !reloaded.ExtraHeaders.TryGetValue(header.Key, out var value) || value != header.Value))
        {
            yield return nameof(DssClientOptions.ExtraHeaders);
        }
    }
}
