using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace DssApi.DependencyInjection;

/// <summary>
/// Reads <see cref="DssClientOptions"/> from a configuration section through the configuration binding
/// source generator (no reflection at run time). A key that matches no option is an error naming it, its
/// path and the closest option: ignored, a misspelled key would leave its option silently at its default.
/// </summary>
internal static class DssClientConfiguration
{
    private static readonly OptionKeys ClientKeys = OptionKeys.Of(typeof(ConfigurableOptions).GetProperties(),
        nested: new(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(DssClientOptions.Retry)] = OptionKeys.Of(typeof(DssRetryOptions).GetProperties()),
            [nameof(DssClientOptions.FuturePolling)] = OptionKeys.Of(typeof(DssFuturePollingOptions).GetProperties()),
        });

    /// <summary>Sets <paramref name="options"/> from <paramref name="section"/>.</summary>
    /// <exception cref="InvalidOperationException">A key matches no option, or a value cannot be read;
    /// the message names the key and its configuration path, never a value.</exception>
    public static void Bind(IConfiguration section, DssClientOptions options)
    {
        ClientKeys.ThrowOnUnknown(section);
        section.Bind(new ConfigurableOptions(options));
    }

    /// <summary>
    /// The options a configuration file can set, each forwarding to <see cref="DssClientOptions"/>. The
    /// others are objects only code can make (<c>HttpClient</c>, <c>HttpMessageHandler</c>,
    /// <c>LoggerFactory</c>, <c>ClientCertificate</c>), which the binder must not try to build.
    /// </summary>
    internal sealed class ConfigurableOptions(DssClientOptions options)
    {
        public Uri? Url { get => options.Url; set => options.Url = value; }

        // Secrets arrive as text; an empty value counts as not set, so the option is reported missing by name.
        public string? ApiKey { get => null; set => options.ApiKey = string.IsNullOrEmpty(value) ? options.ApiKey : value; }

        public string? InternalTicket { get => null; set => options.InternalTicket = string.IsNullOrEmpty(value) ? options.InternalTicket : value; }

        public TimeSpan Timeout { get => options.Timeout; set => options.Timeout = value; }

        public TimeSpan DownloadIdleTimeout { get => options.DownloadIdleTimeout; set => options.DownloadIdleTimeout = value; }

        public int MaxResponseBytes { get => options.MaxResponseBytes; set => options.MaxResponseBytes = value; }

        public TimeSpan? SlowRouteTimeout { get => options.SlowRouteTimeout; set => options.SlowRouteTimeout = value; }

        public IDictionary<string, string> ExtraHeaders => options.ExtraHeaders;

        public string? UserAgent { get => options.UserAgent; set => options.UserAgent = value; }

        public bool DangerousAcceptAnyServerCertificate
        {
            get => options.DangerousAcceptAnyServerCertificate;
            set => options.DangerousAcceptAnyServerCertificate = value;
        }

        public DssRetryOptions Retry => options.Retry;

        public DssFuturePollingOptions FuturePolling => options.FuturePolling;
    }

    /// <summary>The configuration keys of an options type, and of its nested option groups.</summary>
    private sealed class OptionKeys(string[] names, Dictionary<string, OptionKeys> nested)
    {
        public static OptionKeys Of(PropertyInfo[] properties, Dictionary<string, OptionKeys>? nested = null) =>
            new(properties.Select(property => property.Name).ToArray(), nested ?? []);

        public void ThrowOnUnknown(IConfiguration section)
        {
            var problems = new List<string>();
            Collect(section, problems);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException(string.Join(" ", problems));
            }
        }

        private void Collect(IConfiguration section, List<string> problems)
        {
            foreach (var child in section.GetChildren())
            {
                if (!names.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    var closest = names.OrderBy(name => EditDistance(child.Key, name)).First();
                    problems.Add($"Unknown DSS client option '{child.Key}' at configuration path '{child.Path}': "
                        + $"did you mean '{closest}' ({ParentPath(child)}{closest})?");
                }
                else if (nested.TryGetValue(child.Key, out var group))
                {
                    group.Collect(child, problems);
                }
            }
        }

        private static string ParentPath(IConfigurationSection child) =>
            child.Path.Substring(0, child.Path.Length - child.Key.Length);

        /// <summary>How many single-letter edits turn one key into the other, ignoring case.</summary>
        private static int EditDistance(string typed, string option)
        {
            var previous = Enumerable.Range(0, option.Length + 1).ToArray();
            for (var i = 1; i <= typed.Length; i++)
            {
                var current = new int[option.Length + 1];
                current[0] = i;
                for (var j = 1; j <= option.Length; j++)
                {
                    var substitution = char.ToUpperInvariant(typed[i - 1]) == char.ToUpperInvariant(option[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
                }

                previous = current;
            }

            return previous[option.Length];
        }
    }
}
