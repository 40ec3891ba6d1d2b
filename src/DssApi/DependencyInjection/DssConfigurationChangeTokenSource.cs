using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DssApi.DependencyInjection;

/// <summary>Tells <see cref="IOptionsMonitor{TOptions}"/> when the configuration section of a named client
/// is reloaded (an edited appsettings.json with <c>reloadOnChange</c>), so that its options are read again.</summary>
internal sealed class DssConfigurationChangeTokenSource(string name, IConfiguration section) : IOptionsChangeTokenSource<DssClientOptions>
{
    public string Name => name;

    public IChangeToken GetChangeToken() => section.GetReloadToken();
}
