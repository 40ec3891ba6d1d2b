using System.ComponentModel;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>A JSON response: the parsed node and the UTF-8 bytes it was parsed from.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DssJsonResponse
{
    private readonly string _route;

    internal DssJsonResponse(JsonNode? node, ReadOnlyMemory<byte> utf8, string route)
    {
        Node = node;
        Utf8 = utf8;
        _route = route;
    }

    /// <summary>The parsed body; null for an empty body (204) or a JSON <c>null</c>.</summary>
    public JsonNode? Node { get; }

    /// <summary>The body as received.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The body as a JSON object.</summary>
    /// <exception cref="DssProtocolException">The body is not a JSON object.</exception>
    public JsonObject RequireObject() =>
        Node as JsonObject ?? throw new DssProtocolException($"{_route} answered {Describe(Node)} where a JSON object was expected.");

    /// <summary>The body as a JSON array.</summary>
    /// <exception cref="DssProtocolException">The body is not a JSON array.</exception>
    public JsonArray RequireArray() =>
        Node as JsonArray ?? throw new DssProtocolException($"{_route} answered {Describe(Node)} where a JSON array was expected.");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "no content",
        JsonObject => "a JSON object",
        JsonArray => "a JSON array",
        _ => $"the JSON value {node.ToJsonString()}",
    };
}
