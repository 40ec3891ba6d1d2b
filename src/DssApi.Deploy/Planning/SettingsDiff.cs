using System.Text.Json.Nodes;
using DssApi.Deploy.Loading;

namespace DssApi.Deploy.Planning;

/// <summary>
/// Compares the settings a file gives with those DSS has, and writes the first into the second. Only the fields
/// the file mentions count: what DSS adds is left alone. Lists are compared item by item when both have the
/// same length, else as a whole. A secret (a string holding a <c>${NAME}</c> reference) cannot be compared with
/// DSS's encrypted form: unless secrets are written, it is reported as left alone and kept as DSS has it.
/// </summary>
internal sealed class SettingsDiff(bool writeSecrets, Func<string, string?> environment)
{
    public List<FieldChange> Changes { get; } = [];

    public List<string> SecretsLeftAlone { get; } = [];

    /// <summary>Records what differs between <paramref name="desired"/> and <paramref name="current"/> under <paramref name="path"/>.</summary>
    public void Compare(JsonNode? desired, JsonNode? current, string path)
    {
        switch (desired)
        {
            case JsonObject desiredObject when current is JsonObject currentObject:
                foreach (var (name, value) in desiredObject)
                {
                    Compare(value, currentObject[name], Join(path, name));
                }

                break;
            case JsonArray desiredArray when current is JsonArray currentArray && currentArray.Count == desiredArray.Count:
                for (var i = 0; i < desiredArray.Count; i++)
                {
                    Compare(desiredArray[i], currentArray[i], $"{path}[{i}]");
                }

                break;
            case JsonValue value when IsSecret(value):
                if (writeSecrets)
                {
                    Changes.Add(new FieldChange(path, current is null ? null : "(secret)", value.ToJsonString()));
                }
                else
                {
                    SecretsLeftAlone.Add(path);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(desired, current))
                {
                    Changes.Add(new FieldChange(path, current is null ? null : MaskSecrets(current), desired?.ToJsonString() ?? "null"));
                }

                break;
        }
    }

    /// <summary>
    /// <paramref name="current"/> with the file's values written in (secrets resolved, or kept as DSS has them when
    /// they are not written); a new node when the whole value is replaced.
    /// </summary>
    public JsonNode? Merge(JsonNode? desired, JsonNode? current)
    {
        switch (desired)
        {
            case JsonObject desiredObject when current is JsonObject currentObject:
                foreach (var (name, value) in desiredObject)
                {
                    var merged = Merge(value, currentObject[name]);
                    if (!ReferenceEquals(merged, currentObject[name]))
                    {
                        currentObject[name] = merged;
                    }
                }

                return currentObject;
            case JsonArray desiredArray when current is JsonArray currentArray && currentArray.Count == desiredArray.Count:
                for (var i = 0; i < desiredArray.Count; i++)
                {
                    var merged = Merge(desiredArray[i], currentArray[i]);
                    if (!ReferenceEquals(merged, currentArray[i]))
                    {
                        currentArray[i] = merged;
                    }
                }

                return currentArray;
            case JsonValue value when IsSecret(value) && current is not null && !writeSecrets:
                return current;
            default:
                return JsonNode.DeepEquals(desired, current) ? current : SecretReferences.Resolve(desired, environment);
        }
    }

    private static bool IsSecret(JsonValue value) => value.TryGetValue<string>(out var text) && SecretReferences.HasReference(text);

    // What DSS answers for a secret field is an encrypted form: it is not printed either.
    private static string MaskSecrets(JsonNode current) => current is JsonValue ? current.ToJsonString() : "(" + Kind(current) + ")";

    private static string Kind(JsonNode node) => node is JsonArray array ? $"{array.Count} item(s)" : "object";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
