using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// JSON reads and writes for generated code. A missing value or a JSON null reads as null, because
/// DSS versions differ in what they send; a value of the wrong kind (a string where a number
/// belongs, an object where a list belongs) is a <see cref="DssProtocolException"/> naming its JSON
/// path, never a silent null. Nothing here uses reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssJson
{
    /// <summary>Replaces the value of a secret field with <c>***</c>, in a copy of the JSON made for display.</summary>
    /// <param name="owner">The copy.</param>
    /// <param name="name">The secret field; left alone when missing or null.</param>
    public static void Redact(JsonObject owner, string name)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner[name] is not null)
        {
            owner[name] = "***";
        }
    }

    /// <summary>Calls <paramref name="redact"/> on each object item of a list field, in a copy of the JSON made for display.</summary>
    /// <param name="owner">The copy.</param>
    /// <param name="name">The list field, whose items have secret fields.</param>
    /// <param name="redact">Hides the secrets of one item.</param>
    public static void RedactItems(JsonObject owner, string name, Action<JsonObject> redact)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(redact);
        if (owner[name] is JsonArray items)
        {
            RedactEach(items, redact);
        }
    }

    /// <summary>Calls <paramref name="redact"/> on each object value of a map field, in a copy of the JSON made for display.</summary>
    /// <param name="owner">The copy.</param>
    /// <param name="name">The map field, whose values have secret fields.</param>
    /// <param name="redact">Hides the secrets of one value.</param>
    public static void RedactValues(JsonObject owner, string name, Action<JsonObject> redact)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(redact);
        if (owner[name] is JsonObject map)
        {
            RedactEach(map.Select(member => member.Value), redact);
        }
    }

    private static void RedactEach(IEnumerable<JsonNode?> nodes, Action<JsonObject> redact)
    {
        foreach (var node in nodes)
        {
            if (node is JsonObject item)
            {
                redact(item);
            }
        }
    }

    /// <summary>The string held by <paramref name="node"/>, or null.</summary>
    /// <param name="node">A JSON value.</param>
    /// <returns>The string, or null when the node is missing or a JSON null.</returns>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    public static string? AsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw WrongKind(node, "a string"),
    };

    /// <summary>The boolean held by <paramref name="node"/>, or null.</summary>
    /// <param name="node">A JSON value.</param>
    /// <returns>The boolean, or null when the node is missing or a JSON null.</returns>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    public static bool? AsBoolean(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongKind(node!, "a boolean"),
    };

    /// <summary>The integer held by <paramref name="node"/>, or null.</summary>
    /// <param name="node">A JSON value.</param>
    /// <returns>The integer (a fractional number is truncated), or null when the node is missing or a JSON null.</returns>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    public static long? AsInt64(JsonNode? node) =>
        Number(node) is { } number
            ? number.Element is { } element
                ? element.TryGetInt64(out var parsed) ? parsed : (long)element.GetDouble()
                : long.TryParse(number.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                    ? integer
                    : (long)double.Parse(number.Text!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The number held by <paramref name="node"/>, or null.</summary>
    /// <param name="node">A JSON value.</param>
    /// <returns>The number, or null when the node is missing or a JSON null.</returns>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    public static double? AsDouble(JsonNode? node) =>
        Number(node) is { } number
            ? number.Element?.GetDouble() ?? double.Parse(number.Text!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    /// <summary>A JSON number: the parsed element when the value came from DSS (no text is built),
    /// else its JSON text (a value set in code).</summary>
    private static (JsonElement? Element, string? Text)? Number(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            value.TryGetValue<JsonElement>(out var element) ? (element, null) : (null, value.ToJsonString()),
        _ => throw WrongKind(node, "a number"),
    };

    /// <summary>The object <paramref name="node"/> is, or a new empty detached object when it is missing.</summary>
    /// <param name="node">A JSON value.</param>
    /// <returns>A JSON object.</returns>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    public static JsonObject AsObjectOrEmpty(JsonNode? node) => AsObjectOrNull(node) ?? new JsonObject();

    /// <summary>The object <paramref name="node"/> is; null when it is missing or a JSON null.</summary>
    /// <param name="node">A JSON value.</param>
    /// <returns>A JSON object, or null.</returns>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    public static JsonObject? AsObjectOrNull(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw WrongKind(node, "an object"),
    };

    /// <summary>The array <paramref name="node"/> is; null when it is missing.</summary>
    /// <exception cref="DssProtocolException">The node holds another kind of value.</exception>
    internal static JsonArray? ArrayOrNull(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array,
        _ => throw WrongKind(node, "a list"),
    };

    private static DssProtocolException WrongKind(JsonNode node, string expected) =>
        new($"The JSON at {node.GetPath()} holds {node.GetValueKind() switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            var other => other.ToString(),
        }} where {expected} was expected; GetRaw() shows the JSON as DSS sent it.");

    /// <summary>A required field's value, or an exception naming the field when DSS did not send it.</summary>
    /// <typeparam name="T">The field's type.</typeparam>
    /// <param name="value">The value read.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static T Required<T>(T? value, string name)
        where T : class =>
        value ?? throw new InvalidOperationException($"The JSON has no '{name}' field, which DSS always sends.");

    /// <summary>A required field's value, or an exception naming the field when DSS did not send it.</summary>
    /// <typeparam name="T">The field's type.</typeparam>
    /// <param name="value">The value read.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static T RequiredValue<T>(T? value, string name)
        where T : struct =>
        value ?? throw new InvalidOperationException($"The JSON has no '{name}' field, which DSS always sends.");

    /// <summary>Sets a field, or removes it when <paramref name="value"/> is null (DSS omits unset fields).</summary>
    /// <param name="owner">The object to change.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <param name="value">The new value.</param>
    public static void Set(JsonObject owner, string name, JsonNode? value)
    {
        if (value is null)
        {
            owner.Remove(name);
        }
        else
        {
            owner[name] = Adopt(value);
        }
    }

    /// <summary>The node itself when it has no parent yet, else a copy (a node belongs to one parent at a time).</summary>
    /// <param name="node">A JSON node.</param>
    /// <returns>A node that can be attached.</returns>
    public static JsonNode? Adopt(JsonNode? node) => node is { Parent: not null } ? node.DeepClone() : node;

    /// <summary>The array field <paramref name="name"/> of <paramref name="owner"/>, added empty when missing.</summary>
    /// <param name="owner">The object holding the array.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <returns>The array.</returns>
    /// <exception cref="DssProtocolException">The field holds another kind of value, which adding would lose.</exception>
    public static JsonArray GetOrAddArray(JsonObject owner, string name)
    {
        if (ArrayOrNull(owner[name]) is { } array)
        {
            return array;
        }

        array = [];
        owner[name] = array;
        return array;
    }

    /// <summary>The object field <paramref name="name"/> of <paramref name="owner"/>, added empty when missing.</summary>
    /// <param name="owner">The object holding the field.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <returns>The object.</returns>
    /// <exception cref="DssProtocolException">The field holds another kind of value, which adding would lose.</exception>
    public static JsonObject GetOrAddObject(JsonObject owner, string name)
    {
        if (AsObjectOrNull(owner[name]) is { } obj)
        {
            return obj;
        }

        obj = [];
        owner[name] = obj;
        return obj;
    }

    /// <summary>Removes every item of an array field that has all the members of <paramref name="pattern"/>.</summary>
    /// <param name="owner">The object holding the array.</param>
    /// <param name="name">The array field's JSON name.</param>
    /// <param name="pattern">Members an item must have, with equal values, to be removed.</param>
    /// <returns>How many items were removed.</returns>
    public static int RemoveMatching(JsonObject owner, string name, JsonObject pattern)
    {
        if (ArrayOrNull(owner[name]) is not { } array)
        {
            return 0;
        }

        var removed = 0;
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (array[i] is JsonObject item && Matches(item, pattern))
            {
                array.RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    private static bool Matches(JsonObject item, JsonObject pattern)
    {
        foreach (var member in pattern)
        {
            if (!JsonNode.DeepEquals(item[member.Key], member.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new JSON array of <paramref name="items"/>, or null when there are none.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="write">Turns one item into JSON.</param>
    /// <returns>The array, or null.</returns>
    public static JsonArray? ToArray<T>(IEnumerable<T>? items, Func<T, JsonNode?> write)
    {
        if (items is null)
        {
            return null;
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(Adopt(write(item)));
        }

        return array;
    }

    /// <summary>A new JSON object of <paramref name="entries"/>, or null when there are none.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="entries">The entries.</param>
    /// <param name="write">Turns one value into JSON.</param>
    /// <returns>The object, or null.</returns>
    public static JsonObject? ToObject<T>(IEnumerable<KeyValuePair<string, T>>? entries, Func<T, JsonNode?> write)
    {
        if (entries is null)
        {
            return null;
        }

        var obj = new JsonObject();
        foreach (var entry in entries)
        {
            obj[entry.Key] = Adopt(write(entry.Value));
        }

        return obj;
    }

    /// <summary>The items of a JSON array as a read-only list.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="array">The array (null reads as empty).</param>
    /// <param name="read">Reads one item.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<T> ReadList<T>(JsonArray? array, Func<JsonNode?, T> read)
    {
        if (array is null)
        {
            return [];
        }

        var items = new List<T>(array.Count);
        foreach (var node in array)
        {
            items.Add(read(node));
        }

        return items;
    }

    /// <summary>A number as DSS expects it in a query string.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Its invariant text, or null.</returns>
    public static string? FormatNumber(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Follows a JSON pointer (RFC 6901) such as <c>/results/0</c> to the object it names.</summary>
    /// <param name="node">The document.</param>
    /// <param name="pointer">The pointer.</param>
    /// <returns>The object at the pointer.</returns>
    /// <exception cref="DssProtocolException">When the pointer names nothing, or not an object.</exception>
    public static JsonObject PickObject(JsonNode? node, string pointer) =>
        Pick(node, pointer) as JsonObject ?? throw new DssProtocolException($"The response has no object at '{pointer}'.");

    /// <summary>Follows a JSON pointer (RFC 6901) such as <c>/deploymentBasicInfo/enabled</c>.</summary>
    /// <param name="node">The document.</param>
    /// <param name="pointer">The pointer.</param>
    /// <returns>The node at the pointer; null when the pointer names nothing.</returns>
    public static JsonNode? Pick(JsonNode? node, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var current = node;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[name],
                JsonArray array when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return current;
    }
}
