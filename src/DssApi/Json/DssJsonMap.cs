using System.Collections;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// A live, typed dictionary over an object field of a JSON object: reads and edits go straight to
/// the JSON. The object is created on the first edit, so reading a missing field changes nothing.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DssJsonMap<T> : IDictionary<string, T>, IReadOnlyDictionary<string, T>
{
    private readonly JsonObject _owner;
    private readonly string _name;
    private readonly Func<JsonNode?, T> _read;
    private readonly Func<T, JsonNode?> _write;

    /// <summary>Views the object field <paramref name="name"/> of <paramref name="owner"/>.</summary>
    /// <param name="owner">The object holding the field.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <param name="read">Reads one value.</param>
    /// <param name="write">Writes one value.</param>
    public DssJsonMap(JsonObject owner, string name, Func<JsonNode?, T> read, Func<T, JsonNode?> write)
    {
        _owner = owner;
        _name = name;
        _read = read;
        _write = write;
    }

    private JsonObject? Existing => DssJson.AsObjectOrNull(_owner[_name]);

    private JsonObject Object => DssJson.GetOrAddObject(_owner, _name);

    /// <inheritdoc/>
    public int Count => Existing?.Count ?? 0;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public ICollection<string> Keys => Existing is { } obj ? obj.Select(member => member.Key).ToList() : [];

    /// <inheritdoc/>
    public ICollection<T> Values => this.Select(entry => entry.Value).ToList();

    IEnumerable<string> IReadOnlyDictionary<string, T>.Keys => Keys;

    IEnumerable<T> IReadOnlyDictionary<string, T>.Values => Values;

    /// <inheritdoc/>
    public T this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set => Object[key] = DssJson.Adopt(_write(value));
    }

    /// <inheritdoc/>
    public void Add(string key, T value) => Object.Add(key, DssJson.Adopt(_write(value)));

    /// <inheritdoc/>
    public void Add(KeyValuePair<string, T> item) => Add(item.Key, item.Value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Existing?.ContainsKey(key) == true;

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<string, T> item) =>
        Existing is { } obj && obj.TryGetPropertyValue(item.Key, out var node) && JsonNode.DeepEquals(node, _write(item.Value));

    /// <inheritdoc/>
    public bool Remove(string key) => Existing?.Remove(key) == true;

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<string, T> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc/>
    public void Clear() => Existing?.Clear();

#if NETSTANDARD2_0
    // netstandard2.0's dictionary interfaces do not say that the value may be null when the key is missing.
#pragma warning disable CS8767
#endif
    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        if (Existing is { } obj && obj.TryGetPropertyValue(key, out var node))
        {
            value = _read(node);
            return true;
        }

        value = default;
        return false;
    }
#if NETSTANDARD2_0
#pragma warning restore CS8767
#endif

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<string, T>[] array, int arrayIndex)
    {
        foreach (var entry in this)
        {
            array[arrayIndex++] = entry;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        if (Existing is not { } obj)
        {
            yield break;
        }

        foreach (var member in obj)
        {
            yield return new KeyValuePair<string, T>(member.Key, _read(member.Value));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
