using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// A typed view over a JSON object DSS sent or will receive. The object itself is kept, so fields
/// the typed members do not know survive every read and edit.
/// </summary>
public abstract class DssJsonView
{
    private readonly JsonObject _raw;

    /// <summary>Wraps <paramref name="raw"/> (not a copy).</summary>
    /// <param name="raw">The JSON object to view.</param>
    protected DssJsonView(JsonObject raw) => _raw = raw ?? throw new ArgumentNullException(nameof(raw));

    /// <summary>The JSON object itself (not a copy): edits to it show through the typed members.</summary>
    /// <returns>The viewed JSON object.</returns>
    public JsonObject GetRaw() => _raw;

    /// <summary>The JSON text of the object, with the value of every secret field (also of the
    /// objects it holds) shown as <c>***</c>.</summary>
    /// <returns>Compact JSON.</returns>
    public override string ToString()
    {
        var copy = (JsonObject)_raw.DeepClone();
        RedactSecrets(copy);
        return copy.ToJsonString();
    }

    /// <summary>Hides the secret fields of <paramref name="json"/>, a copy of this object's JSON
    /// made for display; generated types with secret fields, or holding objects that have some,
    /// override it.</summary>
    /// <param name="json">The copy to redact in place.</param>
    protected virtual void RedactSecrets(JsonObject json)
    {
    }

    /// <summary>Hides the secret fields of an object held by this one, in the copy being displayed.</summary>
    /// <param name="held">A view over the held object's JSON in the copy.</param>
    protected static void RedactSecretsOf(DssJsonView held)
    {
        ArgumentNullException.ThrowIfNull(held);
        held.RedactSecrets(held._raw);
    }
}
