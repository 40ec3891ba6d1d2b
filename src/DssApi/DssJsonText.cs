using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// A JSON document DSS sends as text, such as a deployment's OpenAPI document: the text exactly as
/// received (<see cref="GetRaw"/>, Python's <c>get_raw()</c>) and the document it holds
/// (<see cref="Get"/>, Python's <c>get()</c>).
/// </summary>
public sealed class DssJsonText
{
    private readonly string _text;

    /// <summary>Keeps a JSON text.</summary>
    /// <param name="text">The text as DSS sent it.</param>
    public DssJsonText(string text) => _text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>The text exactly as DSS sent it.</summary>
    /// <returns>The text.</returns>
    public string GetRaw() => _text;

    /// <summary>The document, parsed anew at each call (edits to one copy do not reach the next).</summary>
    /// <returns>The document's root object.</returns>
    /// <exception cref="DssProtocolException">The text is not a JSON object; the message says where it breaks.</exception>
    public JsonObject Get()
    {
        try
        {
            return JsonNode.Parse(_text) as JsonObject ?? throw new DssProtocolException("The document DSS sent is JSON but not an object.");
        }
        catch (JsonException error)
        {
            throw new DssProtocolException($"The document DSS sent is not valid JSON: {error.Message}", error);
        }
    }

    /// <summary>The text as DSS sent it.</summary>
    public override string ToString() => _text;
}
