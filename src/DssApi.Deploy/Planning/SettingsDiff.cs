using System.Text.Json.Nodes;
using DssApi.Deploy.Loading;

namespace DssApi.Deploy.Planning;

/// <summary>
/// Compares the settings a file gives with those DSS has, and writes the first into the second. Only the fields
/// the file mentions count: what DSS adds is left alone. Lists are compared item by item when both have the
/// same length, else as a whole. Which fields are secret comes from the schema (<see cref="DssSecretFieldPaths"/>):
/// DSS answers them encrypted, so they cannot be compared; unless secrets are written, one DSS has is reported
/// as left alone and kept as DSS has it, whether the file gives a <c>${NAME}</c> reference or a literal. Any other
/// field is compared with its <c>${NAME}</c> references resolved.
/// </summary>
internal sealed class SettingsDiff(IReadOnlyList<string> secretFields, bool writeSecrets, Func<string, string?> environment)
{
    private const string Secret = "(secret)";

    public List<FieldChange> Changes { get; } = [];

    public List<string> SecretsLeftAlone { get; } = [];

    /// <summary>Secret fields the file gives as a literal value, which is never printed.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Records what differs between <paramref name="desired"/> and <paramref name="current"/> at <paramref name="path"/>.</summary>
    public void Compare(JsonNode? desired, JsonNode? current, FieldPath path)
    {
        WarnAboutLiteralSecrets(desired, path);
        CompareNode(desired, current, path);
    }

    /// <summary>
    /// <paramref name="current"/> with the file's values written in (references resolved, secrets kept as DSS has
    /// them when they are not written); a new node when the whole value is replaced.
    /// </summary>
    public JsonNode? Merge(JsonNode? desired, JsonNode? current, FieldPath path)
    {
        switch (desired)
        {
            case not null when IsSecret(path) && current is not null && !writeSecrets:
                return current;
            case JsonObject desiredObject when current is JsonObject currentObject:
                foreach (var (name, value) in desiredObject)
                {
                    var merged = Merge(value, currentObject[name], path.Field(name));
                    if (!ReferenceEquals(merged, currentObject[name]))
                    {
                        currentObject[name] = merged;
                    }
                }

                return currentObject;
            case JsonArray desiredArray when current is JsonArray currentArray && currentArray.Count == desiredArray.Count:
                for (var i = 0; i < desiredArray.Count; i++)
                {
                    var merged = Merge(desiredArray[i], currentArray[i], path.Item(i));
                    if (!ReferenceEquals(merged, currentArray[i]))
                    {
                        currentArray[i] = merged;
                    }
                }

                return currentArray;
            default:
                var resolved = SecretReferences.Resolve(desired, environment);
                return JsonNode.DeepEquals(resolved, current) ? current : resolved;
        }
    }

    private void CompareNode(JsonNode? desired, JsonNode? current, FieldPath path)
    {
        switch (desired)
        {
            case not null when IsSecret(path):
                if (writeSecrets || current is null)
                {
                    Changes.Add(new FieldChange(path.Shown, current is null ? null : Secret, Shown(desired, path, fromFile: true)));
                }
                else
                {
                    SecretsLeftAlone.Add(path.Shown);
                }

                break;
            case JsonObject desiredObject when current is JsonObject currentObject:
                foreach (var (name, value) in desiredObject)
                {
                    CompareNode(value, currentObject[name], path.Field(name));
                }

                break;
            case JsonArray desiredArray when current is JsonArray currentArray && currentArray.Count == desiredArray.Count:
                for (var i = 0; i < desiredArray.Count; i++)
                {
                    CompareNode(desiredArray[i], currentArray[i], path.Item(i));
                }

                break;
            default:
                if (!JsonNode.DeepEquals(SecretReferences.Resolve(desired, environment), current))
                {
                    Changes.Add(new FieldChange(path.Shown, current is null ? null : Shown(current, path, fromFile: false),
                        desired is null ? "null" : Shown(desired, path, fromFile: true)));
                }

                break;
        }
    }

    private bool IsSecret(FieldPath path) => secretFields.Any(pattern => FieldPath.Matches(pattern, path.Schema));

    /// <summary>
    /// A value as JSON text for the plan: a secret of the file as its <c>${NAME}</c> reference, any other secret
    /// as <c>(secret)</c>, and the file's other references resolved (they are not secrets).
    /// </summary>
    private string Shown(JsonNode node, FieldPath path, bool fromFile) => IsSecret(path) && !IsReference(node, fromFile)
        ? Secret
        : Displayed(node, path, fromFile)!.ToJsonString();

    private JsonNode? Displayed(JsonNode? node, FieldPath path, bool fromFile) => node switch
    {
        not null when IsSecret(path) => IsReference(node, fromFile) ? node.DeepClone() : JsonValue.Create(Secret),
        JsonObject json => new JsonObject(json.Select(property => KeyValuePair.Create(property.Key, Displayed(property.Value, path.Field(property.Key), fromFile)))),
        JsonArray array => new JsonArray([.. array.Select((item, i) => Displayed(item, path.Item(i), fromFile))]),
        _ => fromFile ? SecretReferences.Resolve(node, environment) : node?.DeepClone(),
    };

    private static bool IsReference(JsonNode node, bool fromFile) =>
        fromFile && node is JsonValue value && value.TryGetValue<string>(out var text) && SecretReferences.HasReference(text);

    private void WarnAboutLiteralSecrets(JsonNode? desired, FieldPath path)
    {
        switch (desired)
        {
            case not null when IsSecret(path):
                if (!IsReference(desired, fromFile: true))
                {
                    Warnings.Add($"{path.Shown}: a secret is written in the file; secrets belong in ${{NAME}} references to environment variables");
                }

                break;
            case JsonObject json:
                foreach (var (name, value) in json)
                {
                    WarnAboutLiteralSecrets(value, path.Field(name));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    WarnAboutLiteralSecrets(array[i], path.Item(i));
                }

                break;
        }
    }
}

/// <summary>
/// A field of settings, as the plan shows it (<c>apiNodes[0].url</c>, <c>endpoints[id=churn].modelRef</c>) and as
/// the schema's catalog of secret fields names it (<c>apiNodes[].url</c>).
/// </summary>
internal readonly record struct FieldPath(string Shown, string Schema)
{
    /// <summary>The settings object itself.</summary>
    public static FieldPath Root { get; } = new("", "");

    public FieldPath Field(string name) => new(Join(Shown, name), Join(Schema, name));

    public FieldPath Item(int index) => new($"{Shown}[{index}]", Schema + "[]");

    /// <summary>The item of a list found by its id, as endpoints are.</summary>
    public FieldPath ItemWithId(string id) => new($"{Shown}[id={id}]", Schema + "[]");

    /// <summary>
    /// Whether a schema path matches a catalog entry: the same steps, where the entry's <c>*</c> (every value of a
    /// map) stands for any field name.
    /// </summary>
    public static bool Matches(string pattern, string schemaPath)
    {
        var patternSteps = pattern.Split('.');
        var steps = schemaPath.Split('.');
        return patternSteps.Length == steps.Length && patternSteps.Zip(steps).All(pair => StepMatches(pair.First, pair.Second));
    }

    private static bool StepMatches(string pattern, string step)
    {
        var (patternName, patternItems) = SplitItems(pattern);
        var (name, items) = SplitItems(step);
        return patternItems == items && (patternName == "*" || patternName == name);
    }

    // "apiNodes[]" is the field apiNodes and then each of its items.
    private static (string Name, string Items) SplitItems(string step) =>
        step.IndexOf('[', StringComparison.Ordinal) is var open and >= 0 ? (step[..open], step[open..]) : (step, "");

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
