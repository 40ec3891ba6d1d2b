using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace DssApi.Cli;

/// <summary>
/// Where the tool finds the DSS it talks to. Each value is taken from the first place that has it: the command
/// line (<c>--url</c>), the environment (<c>DSS_URL</c>, <c>DSS_API_KEY</c>), then a profile of the config file.
/// The key is never an option: a command line shows in process lists and shell histories.
/// </summary>
internal sealed class CliConnection
{
    private const string UrlVariable = DssClientOptions.UrlVariable;
    private const string ApiKeyVariable = DssClientOptions.ApiKeyVariable;
    private const string ConfigVariable = "DSSAPI_CONFIG";
    private const string ProfileVariable = "DSSAPI_PROFILE";
    private const string DefaultProfile = "default";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The DSS URL; {UrlVariable}, or the config file's profile, when not given. The API key is read from {ApiKeyVariable} or the profile.",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = $"The config file; by default {ConfigVariable}, else ./dssapi.json, else ~/.config/dssapi/config.json.",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = $"The profile of the config file; by default {ProfileVariable}, else '{DefaultProfile}'.",
        Recursive = true,
    };

    /// <summary>A client of the DSS the command line, the environment and the config file name.</summary>
    /// <exception cref="CliUsageException">No URL or no key anywhere, a bad URL, or a bad config file; the message says where it looked.</exception>
    public DssClient Open(ParseResult parse, CliConsole console)
    {
        string? Variable(string name) => console.Environment(name) is { Length: > 0 } value ? value.Trim() : null;

        var url = parse.GetValue(Url) ?? Variable(UrlVariable);
        DssSecret? apiKey = Variable(ApiKeyVariable);
        var file = url is not null && apiKey is not null ? null : FindConfigFile(parse, console);
        var profile = file is null ? null : ReadProfile(file, parse.GetValue(Profile) ?? Variable(ProfileVariable), console);
        url ??= profile?.Url;
        apiKey ??= profile?.ApiKey;

        var looked = file is null ? $"no config file ({string.Join(", ", ConfigCandidates(parse, console))})" : $"profile '{profile!.Name}' of {file}";
        var missing = new List<string>();
        if (url is null)
        {
            missing.Add($"no DSS URL: give --url, set {UrlVariable}, or set \"url\" in a profile (looked at {looked})");
        }

        if (apiKey is null)
        {
            missing.Add($"no API key: set {ApiKeyVariable}, or set \"apiKeyVariable\" (or \"apiKey\") in a profile (looked at {looked})");
        }

        if (missing.Count > 0)
        {
            throw new CliUsageException(string.Join("; ", missing));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"Invalid DSS URL '{url}': give an absolute http or https URL");
        }

        return new DssClient(new DssClientOptions
        {
            Url = uri,
            ApiKey = apiKey,
            DangerousAcceptAnyServerCertificate = profile?.NoCheckCertificate ?? false,
            ClientCertificate = profile?.ClientCertificate,
        });
    }

    private string? NamedConfigFile(ParseResult parse, CliConsole console) =>
        parse.GetValue(Config) ?? (console.Environment(ConfigVariable) is { Length: > 0 } named ? named : null);

    private string? FindConfigFile(ParseResult parse, CliConsole console) => NamedConfigFile(parse, console) is { } named
        ? File.Exists(named) ? named : throw new CliUsageException($"Config file {named} does not exist")
        : ConfigCandidates(parse, console).FirstOrDefault(File.Exists);

    private IEnumerable<string> ConfigCandidates(ParseResult parse, CliConsole console)
    {
        if (NamedConfigFile(parse, console) is { } named)
        {
            yield return named;
            yield break;
        }

        yield return Path.Combine(console.WorkingDirectory ?? Directory.GetCurrentDirectory(), "dssapi.json");
        if (console.Environment("XDG_CONFIG_HOME") is { Length: > 0 } configHome)
        {
            yield return Path.Combine(configHome, "dssapi", "config.json");
        }
        else if (console.Environment("HOME") is { Length: > 0 } home)
        {
            yield return Path.Combine(home, ".config", "dssapi", "config.json");
        }
    }

    /// <summary>What a profile gives: <c>{ "profiles": { "prod": { "url", "apiKeyVariable" | "apiKey", "noCheckCertificate", "clientCertificate", "clientCertificateKey" } } }</c>.</summary>
    /// <remarks>The key is a <see cref="DssSecret"/>, so that even the record's printed form hides it.</remarks>
    private sealed record ConfigProfile(string Name, string? Url, DssSecret? ApiKey, bool NoCheckCertificate, X509Certificate2? ClientCertificate);

    private static ConfigProfile ReadProfile(string file, string? name, CliConsole console)
    {
        name ??= DefaultProfile;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new CliUsageException($"{file}({exception.LineNumber + 1},{exception.BytePositionInLine + 1}): not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Object)
            {
                throw new CliUsageException($"{file}: expected an object with \"profiles\", an object of named profiles");
            }

            if (!profiles.TryGetProperty(name, out var profile) || profile.ValueKind != JsonValueKind.Object)
            {
                var known = string.Join(", ", profiles.EnumerateObject().Select(property => property.Name));
                throw new CliUsageException($"{file}: no profile '{name}' (profiles: {(known.Length == 0 ? "none" : known)})");
            }

            string? Text(string field) => profile.TryGetProperty(field, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new CliUsageException($"{file}: profiles.{name}.{field}: expected a string")
                : null;

            var apiKey = Text("apiKey");
            if (Text("apiKeyVariable") is { } variable)
            {
                apiKey = console.Environment(variable) is { Length: > 0 } value
                    ? value.Trim()
                    : throw new CliUsageException($"{file}: profiles.{name}.apiKeyVariable: environment variable {variable} is not set");
            }

            var noCheckCertificate = profile.TryGetProperty("noCheckCertificate", out var flag)
                && (flag.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? flag.GetBoolean()
                    : throw new CliUsageException($"{file}: profiles.{name}.noCheckCertificate: expected true or false"));
            var certificate = Text("clientCertificate") is { } certificateFile
                ? LoadCertificate(file, name, Relative(file, certificateFile), Text("clientCertificateKey") is { } keyFile ? Relative(file, keyFile) : null)
                : null;
            return new ConfigProfile(name, Text("url"), apiKey, noCheckCertificate, certificate);
        }
    }

    // Paths in the file are relative to the file, so a profile works from any directory.
    private static string Relative(string file, string path) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, path);

    private static X509Certificate2 LoadCertificate(string file, string profile, string certificate, string? key)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new CliUsageException($"{file}: profiles.{profile}.clientCertificate: cannot read {certificate} as a PEM certificate{(key is null ? "" : $" with key {key}")} ({exception.GetType().Name})");
        }
    }
}
