using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi.Typed;

/// <summary>
/// Reads the values of typed answers from the token a <see cref="Utf8JsonReader"/> is on; JSON null
/// reads as null. A value of another type than the document says is a <see cref="DssProtocolException"/>
/// naming the member.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssTypedJson
{
    /// <summary>A string.</summary>
    public static string? String(ref Utf8JsonReader reader, string member) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw Unexpected(ref reader, member, "a string"),
    };

    /// <summary>A number.</summary>
    public static double? Number(ref Utf8JsonReader reader, string member) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => reader.GetDouble(),
        _ => throw Unexpected(ref reader, member, "a number"),
    };

    /// <summary>An integer.</summary>
    public static long? Integer(ref Utf8JsonReader reader, string member) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
        _ => throw Unexpected(ref reader, member, "an integer"),
    };

    /// <summary>true or false.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader, string member) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, member, "true or false"),
    };

    /// <summary>A date and time written as an ISO 8601 string.</summary>
    public static DateTimeOffset? DateTime(ref Utf8JsonReader reader, string member) =>
        String(ref reader, member) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw new DssProtocolException($"'{member}' of the answer is \"{text}\", which is not a date and time");

    /// <summary>An object whose values are all numbers, such as probabilities, explanations or timing.</summary>
    public static IReadOnlyDictionary<string, double>? NumberMap(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, member, "an object of numbers");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (Number(ref reader, member + "." + key) is { } value)
            {
                map[key] = value;
            }
        }

        return map;
    }

    /// <summary>A list of values read one by one.</summary>
    public static IReadOnlyList<T> List<T>(ref Utf8JsonReader reader, DssJsonRead<T> read, string member)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, member, "a list");
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
    public static void StartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, what, "an object");
        }
    }

    private static DssProtocolException Unexpected(ref Utf8JsonReader reader, string member, string expected) =>
        new($"'{member}' of the answer is {Describe(reader.TokenType)}, not {expected}");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => "null",
    };
}
