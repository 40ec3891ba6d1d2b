using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Routing;

/// <summary>JSON helpers shared by every route: DSS's output rules and typed reads of request bodies.</summary>
internal static class DssJson
{
    // Readable output: ids with non-ASCII characters or quotes come back as sent, not as \u escapes.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A deep copy without null-valued properties: DSS serializes with Gson, which omits null fields,
    /// and clients test key presence (dss-protocol §1.4).
    /// </summary>
    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(property => property.Value is not null)
            .Select(property => KeyValuePair.Create(property.Key, WithoutNulls(property.Value)))),
        JsonArray array => new JsonArray(array.Select(WithoutNulls).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    public static string Serialize(JsonNode node) => WithoutNulls(node)!.ToJsonString(Compact);

    /// <summary>
    /// How deeply request JSON may nest. The persisted state holds request documents a few levels down
    /// (a deployed package's endpoints sit about eight levels deep) and the state file is written with
    /// System.Text.Json's limit of 64, so bodies stop well below it and every accepted document persists.
    /// </summary>
    public const int MaxRequestDepth = 32;

    private static readonly JsonDocumentOptions RequestDocument = new() { MaxDepth = MaxRequestDepth };

    public static JsonNode? Parse(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: RequestDocument);
        }
        catch (JsonException e)
        {
            throw DssError.MalformedRequest($"Malformed JSON in {what}: {e.Message}");
        }
    }

    public static JsonObject ParseObject(string text, string what) =>
        Parse(text, what) as JsonObject ?? throw DssError.MalformedRequest($"Expected a JSON object in {what}");

    /// <summary>A string field that validated data always carries (ids, references, types).</summary>
    public static string Text(this JsonObject obj, string field) => obj[field]!.GetValue<string>();

    public static string RequireString(JsonObject obj, string field, string owner) =>
        OptionalString(obj, field, owner) ?? throw DssError.IllegalArgument($"'{field}' is required in {owner}");

    public static string? OptionalString(JsonObject obj, string field, string owner) => obj[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw WrongType(field, owner, "a string", other),
    };

    public static bool? OptionalBool(JsonObject obj, string field, string owner) => obj[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        var other => throw WrongType(field, owner, "a boolean", other),
    };

    public static double? OptionalNumber(JsonObject obj, string field, string owner) => obj[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        var other => throw WrongType(field, owner, "a number", other),
    };

    public static JsonObject? OptionalObject(JsonObject obj, string field, string owner) => obj[field] switch
    {
        null => null,
        JsonObject nested => nested,
        var other => throw WrongType(field, owner, "an object", other),
    };

    public static JsonArray? OptionalArray(JsonObject obj, string field, string owner) => obj[field] switch
    {
        null => null,
        JsonArray nested => nested,
        var other => throw WrongType(field, owner, "an array", other),
    };

    public static JsonObject RequireObject(JsonObject obj, string field, string owner) =>
        OptionalObject(obj, field, owner) ?? throw DssError.IllegalArgument($"'{field}' is required");

    public static JsonArray RequireArray(JsonObject obj, string field, string owner) =>
        OptionalArray(obj, field, owner) ?? throw DssError.IllegalArgument($"'{field}' is required");

    /// <summary>Reads an enum-valued string field, rejecting values DSS has no constant for.</summary>
    public static string? OptionalEnum(JsonObject obj, string field, string owner, IReadOnlyCollection<string> allowed)
    {
        var value = OptionalString(obj, field, owner);
        if (value is not null && !allowed.Contains(value))
        {
            throw DssError.IllegalArgument(
                $"Unknown value '{value}' for '{field}' in {owner}; expected one of {string.Join(", ", allowed)}");
        }

        return value;
    }

    public static string RequireEnum(JsonObject obj, string field, string owner, IReadOnlyCollection<string> allowed) =>
        OptionalEnum(obj, field, owner, allowed) ?? throw DssError.IllegalArgument($"'{field}' is required in {owner}");

    /// <summary>A feature value as a number: numbers, numeric strings and booleans (1/0); anything else is missing.</summary>
    public static double? AsNumber(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A scalar value as text (numbers in invariant culture); null for null, objects and arrays.</summary>
    public static string? AsText(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static DssError WrongType(string field, string owner, string expected, JsonNode? actual) =>
        DssError.MalformedRequest($"'{field}' in {owner} must be {expected}, not {actual?.GetValueKind().ToString().ToLowerInvariant()}");
}
