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

    /// <summary>The JSON text of the object.</summary>
    /// <returns>Compact JSON.</returns>
    public override string ToString() => _raw.ToJsonString();
}
