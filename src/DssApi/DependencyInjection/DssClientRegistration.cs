using Microsoft.Extensions.Configuration;

namespace DssApi.DependencyInjection;

/// <summary>A client registered with <c>AddDssClient</c>: its name (empty for the default client) and the
/// configuration path its options are read from, which every message about them names, and the configuration
/// section itself when they are read from one.</summary>
internal sealed record DssClientRegistration(string Name, string ConfigurationPath, IConfiguration? Section)
{
    /// <summary>The configuration key of an option of this client, such as <c>Dss:Prod:Url</c>.</summary>
    public string Key(string option) => ConfigurationPath.Length == 0 ? option : $"{ConfigurationPath}:{option}";
}
