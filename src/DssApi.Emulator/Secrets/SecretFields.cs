using System.Text.Json.Nodes;

namespace DssApi.Emulator.Secrets;

/// <summary>
/// Where the secrets of infrastructure settings are, per infrastructure type, as the DSS schema the client is
/// generated from marks them (<c>"secret": true</c> on a field), so the client, the emulator and the docs
/// share one list. A path is a list of steps: a field name, or <see cref="EachItem"/> for every item of a list
/// or value of a map.
/// </summary>
internal sealed class SecretFields
{
    public const string EachItem = "*";

    private const string ResourceName = "DssApi.Emulator.dss-api.json";
    private const string InfraSettings = "InfraSettings";
    private static readonly string[] DefinitionSections = ["records", "settings", "unions"];

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string[]>> _pathsByInfraType;

    private SecretFields(IReadOnlyDictionary<string, IReadOnlyList<string[]>> pathsByInfraType) => _pathsByInfraType = pathsByInfraType;

    /// <summary>The secret fields of the schema embedded in the emulator (the repository's <c>schema/dss-api.json</c>).</summary>
    public static SecretFields Load()
    {
        using var stream = typeof(SecretFields).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}");
        return FromSchema(JsonNode.Parse(stream)!.AsObject());
    }

    public static SecretFields FromSchema(JsonObject schema)
    {
        var definitions = DefinitionSections
            .SelectMany(section => schema[section] as JsonObject ?? [])
            .ToDictionary(definition => definition.Key, definition => definition.Value!.AsObject(), StringComparer.Ordinal);
        var infra = definitions[InfraSettings];
        var common = SecretPaths(definitions, infra["fields"] as JsonObject, [], []).ToArray();
        return new SecretFields((infra["cases"] as JsonObject ?? []).ToDictionary(
            infraCase => infraCase.Key,
            infraCase => (IReadOnlyList<string[]>)[.. common, .. SecretPaths(definitions, infraCase.Value?["fields"] as JsonObject, [], [])],
            StringComparer.Ordinal));
    }

    /// <summary>The secret fields of the settings of an infrastructure of this type.</summary>
    public IReadOnlyList<string[]> ForInfraType(string infraType) => _pathsByInfraType.GetValueOrDefault(infraType) ?? [];

    private static IEnumerable<string[]> SecretPaths(
        IReadOnlyDictionary<string, JsonObject> definitions, JsonObject? fields, string[] prefix, HashSet<string> visiting)
    {
        foreach (var (name, field) in fields ?? [])
        {
            var path = (string[])[.. prefix, name];
            if (field?["secret"]?.GetValue<bool>() == true)
            {
                yield return path;
                continue;
            }

            // list<T> and map<T> hold T in each item; a named type holds its own fields.
            var type = field?["type"]?.GetValue<string>() ?? "";
            while (type.IndexOf('<', StringComparison.Ordinal) is var open and > 0)
            {
                type = type[(open + 1)..^1];
                path = [.. path, EachItem];
            }

            if (definitions.TryGetValue(type, out var definition) && visiting.Add(type))
            {
                foreach (var nested in SecretPaths(definitions, definition["fields"] as JsonObject, path, visiting))
                {
                    yield return nested;
                }

                visiting.Remove(type);
            }
        }
    }
}
