using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Secrets;

/// <summary>
/// Keeps the secrets of settings encrypted, as DSS does: stored and answered in the emulator's own encrypted
/// form, <c>dss-emulator-encrypted:v1:</c> followed by base64url of a random nonce, the AES-GCM ciphertext and
/// its tag, under a key of this emulator (kept beside the state, or in memory without a data directory).
/// A save that sends an encrypted value back keeps the secret; a clear value replaces it.
/// </summary>
internal sealed class SecretBox(byte[] key, SecretFields fields)
{
    public const string Prefix = "dss-emulator-encrypted:v1:";

    private const string KeyFileName = "secrets.key";
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>A box whose key is read from <paramref name="dataDirectory"/>, created there on first use; a fresh key without one.</summary>
    public static SecretBox Open(string? dataDirectory, SecretFields fields)
    {
        if (dataDirectory is null)
        {
            return new SecretBox(RandomNumberGenerator.GetBytes(KeySize), fields);
        }

        var path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(KeySize));
        }

        var key = File.ReadAllBytes(path);
        return key.Length == KeySize
            ? new SecretBox(key, fields)
            : throw new InvalidDataException($"The emulator's secret key in {path} is not {KeySize} bytes long");
    }

    /// <summary>
    /// Encrypts every secret field of saved infrastructure settings that holds a clear value; a value already
    /// in the encrypted form is kept as it is, once checked to be this emulator's.
    /// </summary>
    public void EncryptInfraSecrets(JsonObject settings, string infraType)
    {
        foreach (var (value, replace) in SecretValues(settings, infraType))
        {
            replace(IsEncrypted(value) ? Checked(value) : Encrypt(value));
        }
    }

    /// <summary>The clear value of a secret as stored (encrypted), or null when there is none.</summary>
    public string? Reveal(JsonNode? stored) =>
        stored is JsonValue value && value.TryGetValue<string>(out var text) ? Decrypt(text) : null;

    private string Checked(string encrypted)
    {
        Decrypt(encrypted);
        return encrypted;
    }

    private string Encrypt(string clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Prefix + Convert.ToBase64String(sealedBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private string Decrypt(string text)
    {
        if (!IsEncrypted(text))
        {
            return text;
        }

        try
        {
            var base64 = text[Prefix.Length..].Replace('-', '+').Replace('_', '/');
            var sealedBytes = Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or OverflowException or ArgumentException)
        {
            throw DssError.IllegalArgument("An encrypted secret was not encrypted by this emulator; send its clear value instead");
        }
    }

    private static bool IsEncrypted(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Every string held at a secret path of the settings, with a way to replace it.</summary>
    private IEnumerable<(string Value, Action<string> Replace)> SecretValues(JsonObject settings, string infraType)
    {
        foreach (var path in fields.ForInfraType(infraType))
        {
            foreach (var found in Walk(settings, path, 0, string.Join('.', path)))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<(string Value, Action<string> Replace)> Walk(JsonNode? node, string[] path, int step, string where)
    {
        foreach (var (child, set) in Children(node, path[step]))
        {
            if (step + 1 < path.Length)
            {
                foreach (var found in Walk(child, path, step + 1, where))
                {
                    yield return found;
                }
            }
            else if (child is not null)
            {
                var text = child is JsonValue value && value.TryGetValue<string>(out var clear)
                    ? clear
                    : throw DssError.MalformedRequest($"The secret {where} must be a string");
                yield return (text, replacement => set(replacement));
            }
        }
    }

    /// <summary>The nodes one step of a path reaches, each with a way to replace it; taken up front, so replacing is safe.</summary>
    private static (JsonNode? Node, Action<JsonNode?> Set)[] Children(JsonNode? node, string step) => (node, step) switch
    {
        (JsonArray array, SecretFields.EachItem) => array.Select((item, index) => (item, (Action<JsonNode?>)(value => array[index] = value))).ToArray(),
        (JsonObject map, SecretFields.EachItem) => map.Select(entry => (entry.Value, (Action<JsonNode?>)(value => map[entry.Key] = value))).ToArray(),
        (JsonObject parent, _) => [(parent[step], value => parent[step] = value)],
        _ => [],
    };
}
