using DssApi.Emulator.Futures;
using DssApi.Emulator.Models;
using DssApi.Emulator.Secrets;
using DssApi.Emulator.State;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Hosting;

/// <summary>The services every route group shares.</summary>
internal sealed class EmulatorContext(
    DssEmulatorOptions options,
    string adminApiKey,
    DemoProject demo,
    StateStore store,
    SecretBox secrets,
    FutureRegistry futures)
{
    /// <summary>The login that owns what the admin key creates.</summary>
    public const string AdminLogin = "admin";

    private string? _baseUrl;

    public DssEmulatorOptions Options { get; } = options;

    public string AdminApiKey { get; } = adminApiKey;

    /// <summary>Every key the public API accepts: the admin key, then the keys of the user without admin rights.</summary>
    public IReadOnlyList<string> PublicApiKeys { get; } = [adminApiKey, .. options.UserApiKeys];

    public DemoProject Demo { get; } = demo;

    public StateStore Store { get; } = store;

    public SecretBox Secrets { get; } = secrets;

    public FutureRegistry Futures { get; } = futures;

    /// <summary>The bound base URL (known once Kestrel has started); API nodes at this address are served by the emulator itself.</summary>
    public string BaseUrl
    {
        get => _baseUrl ?? throw new InvalidOperationException("The emulator has not started listening yet");
        set => _baseUrl = value;
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>
    /// Whether this emulator serves an API node of a STATIC infrastructure: its URL designates the emulator and,
    /// when the emulator's API node has an admin key, the node's admin key (decrypted) is that key.
    /// </summary>
    public bool ServesApiNode(JsonNode? apiNode)
    {
        if (apiNode?["url"] is not JsonValue url || !url.TryGetValue<string>(out var text) || !IsSelf(text))
        {
            return false;
        }

        return Options.ApiNodeAdminApiKey is not { } required
            || (Secrets.Reveal(apiNode["adminAPIKey"]) is { } presented
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(required)));
    }

    /// <summary>
    /// Whether an API node URL of an infrastructure designates this emulator: same scheme and port, and the
    /// same host, any loopback name for a loopback emulator, or any host when it listens on all interfaces.
    /// </summary>
    private bool IsSelf(string apiNodeUrl)
    {
        if (!Uri.TryCreate(apiNodeUrl.TrimEnd('/'), UriKind.Absolute, out var node) || node.AbsolutePath != "/")
        {
            return false;
        }

        var self = new Uri(BaseUrl);
        var listensEverywhere = self.Host is "0.0.0.0" or "[::]";
        return node.Scheme == self.Scheme
            && node.Port == self.Port
            && (listensEverywhere
                || string.Equals(node.Host, self.Host, StringComparison.OrdinalIgnoreCase)
                || (node.IsLoopback && self.IsLoopback));
    }
}
