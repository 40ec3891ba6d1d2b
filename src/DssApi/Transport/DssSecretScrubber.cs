using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DssApi.Transport;

/// <summary>
/// Takes the client's own secrets out of text that came from a server, and bounds its length:
/// a server or proxy that echoes request headers in its error body must not put the API key in
/// an exception message, and a huge error body must not become a huge message. Thread-safe.
/// </summary>
internal sealed class DssSecretScrubber
{
    /// <summary>The longest text kept from a server in an error.</summary>
    public const int MaxTextLength = 4000;

    private const string Redacted = "***";
    private readonly string[] _secrets;

    private DssSecretScrubber(string[] secrets) => _secrets = secrets;

    /// <summary>The secrets a client sends: the credential of its <c>Authorization</c> header (as
    /// sent, and for HTTP Basic also the key it encodes) and every extra header value.</summary>
    public static DssSecretScrubber For(AuthenticationHeaderValue? authorization, IEnumerable<string> extraHeaderValues)
    {
        var secrets = new List<string>(extraHeaderValues);
        if (authorization?.Parameter is { } credential)
        {
            secrets.Add(credential);
            if (authorization.Scheme == "Basic")
            {
                var userAndPassword = Encoding.UTF8.GetString(Convert.FromBase64String(credential));
                secrets.Add(userAndPassword);
                secrets.Add(userAndPassword.TrimEnd(':'));
            }
        }

        // Longest first, so a secret that contains another is replaced whole.
        return new DssSecretScrubber(secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray());
    }

    /// <summary>The text without the client's secrets, cut to <see cref="MaxTextLength"/> characters.</summary>
    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        return text.Length <= MaxTextLength
            ? text
            : string.Concat(text.AsSpan(0, MaxTextLength), $"… ({text.Length - MaxTextLength} more characters cut)");
    }

    /// <summary>Scrubs every string of a JSON tree in place.</summary>
    public void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(member => member.Key).ToList())
                {
                    ScrubChild(obj[name], replacement => obj[name] = replacement);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    ScrubChild(array[i], replacement => array[index] = replacement);
                }

                break;
        }
    }

    private void ScrubChild(JsonNode? child, Action<JsonNode> replace)
    {
        if (child is JsonValue value && value.TryGetValue(out string? text))
        {
            var scrubbed = Scrub(text);
            if (!ReferenceEquals(scrubbed, text))
            {
                replace(JsonValue.Create(scrubbed));
            }
        }
        else
        {
            Scrub(child);
        }
    }
}
