using System.Collections;
using System.ComponentModel;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// A live, typed list over an array field of a JSON object: reads and edits go straight to the
/// JSON. The array is created on the first edit, so reading a missing field changes nothing.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DssJsonList<T> : IList<T>, IReadOnlyList<T>
{
    private readonly JsonObject _owner;
    private readonly string _name;
    private readonly Func<JsonNode?, T> _read;
    private readonly Func<T, JsonNode?> _write;

    /// <summary>Views the array field <paramref name="name"/> of <paramref name="owner"/>.</summary>
    /// <param name="owner">The object holding the array.</param>
    /// <param name="name">The field's JSON name.</param>
    /// <param name="read">Reads one item.</param>
    /// <param name="write">Writes one item.</param>
    public DssJsonList(JsonObject owner, string name, Func<JsonNode?, T> read, Func<T, JsonNode?> write)
    {
        _owner = owner;
        _name = name;
        _read = read;
        _write = write;
    }

    private JsonArray? Existing => DssJson.ArrayOrNull(_owner[_name]);

    private JsonArray Array => DssJson.GetOrAddArray(_owner, _name);

    /// <inheritdoc/>
    public int Count => Existing?.Count ?? 0;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public T this[int index]
    {
        get => Existing is { } array ? _read(array[index]) : throw new ArgumentOutOfRangeException(nameof(index));
        set => Array[index] = DssJson.Adopt(_write(value));
    }

    /// <inheritdoc/>
    public void Add(T item) => Array.Add(DssJson.Adopt(_write(item)));

    /// <inheritdoc/>
    public void Insert(int index, T item) => Array.Insert(index, DssJson.Adopt(_write(item)));

    /// <inheritdoc/>
    public void RemoveAt(int index)
    {
        if (Existing is not { } array)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        array.RemoveAt(index);
    }

    /// <inheritdoc/>
    public bool Remove(T item)
    {
        var index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    /// <inheritdoc/>
    public void Clear() => Existing?.Clear();

    /// <summary>The index of the first item whose JSON equals the JSON of <paramref name="item"/>.</summary>
    /// <param name="item">The item to look for.</param>
    /// <returns>Its index, or -1.</returns>
    public int IndexOf(T item)
    {
        if (Existing is not { } array)
        {
            return -1;
        }

        var json = _write(item);
        for (var i = 0; i < array.Count; i++)
        {
            if (ReferenceEquals(array[i], json) || JsonNode.DeepEquals(array[i], json))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <inheritdoc/>
    public void CopyTo(T[] array, int arrayIndex)
    {
        foreach (var item in this)
        {
            array[arrayIndex++] = item;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        if (Existing is not { } array)
        {
            yield break;
        }

        foreach (var node in array)
        {
            yield return _read(node);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
