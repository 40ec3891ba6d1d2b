using System.Text.Json.Nodes;

namespace DssApi.Deploy.Loading;

/// <summary>Where a node of a desired-state file starts: 1-based line and column.</summary>
internal readonly record struct SourcePosition(int Line, int Column);

/// <summary>
/// A node of a desired-state file as read from JSON or YAML, with its position, so every error the binder
/// finds names the file, line and column. The two formats meet here and are bound by one binder.
/// </summary>
internal abstract record SourceNode(SourcePosition Position)
{
    /// <summary>What the node is, in the words an error message uses ("a list", "a number" …).</summary>
    public abstract string Describe();

    /// <summary>The node as JSON, for the free-form settings DSS defines.</summary>
    public abstract JsonNode? ToJson();
}

/// <summary>A mapping; keys keep their order and position.</summary>
internal sealed record SourceMap(SourcePosition Position, IReadOnlyList<SourceMapEntry> Entries) : SourceNode(Position)
{
    public override string Describe() => "an object";

    public override JsonNode ToJson()
    {
        var json = new JsonObject();
        foreach (var entry in Entries)
        {
            json[entry.Key] = entry.Value.ToJson();
        }

        return json;
    }
}

/// <summary>One key of a <see cref="SourceMap"/>, with the position of the key itself.</summary>
internal sealed record SourceMapEntry(string Key, SourcePosition KeyPosition, SourceNode Value);

/// <summary>A list.</summary>
internal sealed record SourceList(SourcePosition Position, IReadOnlyList<SourceNode> Items) : SourceNode(Position)
{
    public override string Describe() => "a list";

    public override JsonNode ToJson() => new JsonArray([.. Items.Select(item => item.ToJson())]);
}

/// <summary>The kinds of scalar both formats share.</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A string, number, boolean or null; <see cref="Text"/> is its canonical JSON-compatible text.</summary>
internal sealed record SourceScalar(SourcePosition Position, ScalarKind Kind, string Text) : SourceNode(Position)
{
    public override string Describe() => Kind switch
    {
        ScalarKind.String => "a string",
        ScalarKind.Number => "a number",
        ScalarKind.Boolean => "a boolean",
        _ => "null",
    };

    public override JsonNode? ToJson() => Kind switch
    {
        ScalarKind.String => JsonValue.Create(Text),
        ScalarKind.Number => JsonNode.Parse(Text),
        ScalarKind.Boolean => JsonValue.Create(Text == "true"),
        _ => null,
    };
}
