using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi.Typed;

/// <summary>
/// Reads the values of typed answers from the token a <see cref="Utf8JsonReader"/> is on; JSON null
/// reads as null. A value of another kind than the document says is a <see cref="DssProtocolException"/>
/// naming its JSON path in the answer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssTypedJson
{
    /// <summary>A string.</summary>
    public static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw Unexpected(ref reader, "a string"),
    };

    /// <summary>A number.</summary>
    public static double? Number(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.GetDouble(),
        _ => throw Unexpected(ref reader, "a number"),
    };

    /// <summary>An integer.</summary>
    public static long? Integer(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
        _ => throw Unexpected(ref reader, "an integer"),
    };

    /// <summary>true or false.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "true or false"),
    };

    /// <summary>A date and time written as an ISO 8601 string.</summary>
    public static DateTimeOffset? DateTime(ref Utf8JsonReader reader) =>
        String(ref reader) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw new DssTypedValueException(reader.TokenStartIndex, $"the string \"{text}\"", "a date and time");

    /// <summary>An object whose values are all numbers, such as probabilities, explanations or timing.</summary>
    public static IReadOnlyDictionary<string, double>? NumberMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object of numbers");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (Number(ref reader) is { } value)
            {
                map[key] = value;
            }
        }

        return map;
    }

    /// <summary>A list of values read one by one.</summary>
    public static IReadOnlyList<T> List<T>(ref Utf8JsonReader reader, DssJsonRead<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "a list");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(read(ref reader));
        }

        return items;
    }

    /// <summary>A value the document does not type, kept as JSON.</summary>
    public static JsonNode? Node(ref Utf8JsonReader reader) => JsonNode.Parse(ref reader);

    /// <summary>Keeps a member the document does not describe, so it stays reachable.</summary>
    public static void KeepUnknown(ref Utf8JsonReader reader, string member, ref JsonObject? unknown) =>
        (unknown ??= [])[member] = JsonNode.Parse(ref reader);

    /// <summary>Checks that a record's answer is an object before its members are read.</summary>
    public static void StartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }
    }

    private static DssTypedValueException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new(reader.TokenStartIndex, reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "a list",
            _ => "null",
        }, expected);
}

/// <summary>
/// A value of a typed answer that is not of the kind the document says, at a byte offset of the answer:
/// the path is worked out from the offset only when this happens, so a good answer costs no path tracking.
/// </summary>
internal sealed class DssTypedValueException(long offset, string found, string expected)
    : DssProtocolException($"The answer holds {found} where {expected} was expected.")
{
    /// <summary>Where the value starts in the answer's bytes.</summary>
    public long Offset { get; } = offset;

    /// <summary>What the value is, such as "a string".</summary>
    public string Found { get; } = found;

    /// <summary>What the document says it is.</summary>
    public string Expected { get; } = expected;
}
