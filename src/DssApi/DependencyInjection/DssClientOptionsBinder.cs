using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DssApi.DependencyInjection;

/// <summary>Reads <see cref="DssClientOptions"/> from configuration without reflection, and
/// names the key of any value it cannot read.</summary>
internal static class DssClientOptionsBinder
{
    public static void Bind(IConfiguration section, DssClientOptions options)
    {
        var path = (section as IConfigurationSection)?.Path ?? string.Empty;
        if (section["Url"] is { Length: > 0 } url)
        {
            options.Url = Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Key(path, "Url")}: '{url}' is not an absolute URL.");
        }

        if (section["ApiKey"] is { Length: > 0 } apiKey)
        {
            options.ApiKey = apiKey;
        }

        if (section["UserAgent"] is { Length: > 0 } userAgent)
        {
            options.UserAgent = userAgent;
        }

        options.Timeout = ReadTimeSpan(section, path, "Timeout") ?? options.Timeout;
        options.SlowRouteTimeout = ReadTimeSpan(section, path, "SlowRouteTimeout") ?? options.SlowRouteTimeout;
        options.DangerousAcceptAnyServerCertificate = ReadBoolean(section, path, "DangerousAcceptAnyServerCertificate")
            ?? options.DangerousAcceptAnyServerCertificate;
        foreach (var header in section.GetSection("ExtraHeaders").GetChildren())
        {
            options.ExtraHeaders[header.Key] = header.Value ?? string.Empty;
        }

        var retry = section.GetSection("Retry");
        options.Retry.MaxRetries = ReadInt32(retry, path, "Retry:MaxRetries") ?? options.Retry.MaxRetries;
        options.Retry.BaseDelay = ReadTimeSpan(retry, path, "Retry:BaseDelay") ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = ReadTimeSpan(retry, path, "Retry:MaxDelay") ?? options.Retry.MaxDelay;
        var polling = section.GetSection("FuturePolling");
        options.FuturePolling.DefaultTimeout = ReadTimeSpan(polling, path, "FuturePolling:DefaultTimeout") ?? options.FuturePolling.DefaultTimeout;
    }

    private static string Key(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";

    private static string? Value(IConfiguration section, string key) => section[key[(key.LastIndexOf(':') + 1)..]];

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string path, string key) =>
        Value(section, key) is { Length: > 0 } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{Key(path, key)}: '{text}' is not a time span (use hh:mm:ss, e.g. 00:00:30).")
            : null;

    private static bool? ReadBoolean(IConfiguration section, string path, string key) =>
        Value(section, key) is { Length: > 0 } text
            ? bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{Key(path, key)}: '{text}' is not true or false.")
            : null;

    private static int? ReadInt32(IConfiguration section, string path, string key) =>
        Value(section, key) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{Key(path, key)}: '{text}' is not a whole number.")
            : null;
}
