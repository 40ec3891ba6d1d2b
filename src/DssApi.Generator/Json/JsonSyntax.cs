using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DssApi.Generator.Json;

/// <summary>A JSON value as written in a file, with where it was written.</summary>
internal abstract class JsonSyntax
{
    protected JsonSyntax(TextRange range) => Range = range;

    public TextRange Range { get; }

    /// <summary>A word for messages: "object", "array", "string", "number", "boolean" or "null".</summary>
    public abstract string KindName { get; }

    /// <summary>Compact JSON text of this value (keys in written order).</summary>
    public string ToJsonText()
    {
        var builder = new StringBuilder();
        WriteTo(builder);
        return builder.ToString();
    }

    internal abstract void WriteTo(StringBuilder builder);

    internal static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}

internal sealed class JsonObjectSyntax : JsonSyntax
{
    public JsonObjectSyntax(TextRange range, IReadOnlyList<JsonPropertySyntax> properties)
        : base(range) => Properties = properties;

    public IReadOnlyList<JsonPropertySyntax> Properties { get; }

    public override string KindName => "object";

    public JsonPropertySyntax? Find(string key)
    {
        foreach (var property in Properties)
        {
            if (property.Key == key)
            {
                return property;
            }
        }

        return null;
    }

    internal override void WriteTo(StringBuilder builder)
    {
        builder.Append('{');
        for (var i = 0; i < Properties.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, Properties[i].Key);
            builder.Append(':');
            Properties[i].Value.WriteTo(builder);
        }

        builder.Append('}');
    }
}

internal sealed class JsonPropertySyntax
{
    public JsonPropertySyntax(string key, TextRange keyRange, JsonSyntax value)
    {
        Key = key;
        KeyRange = keyRange;
        Value = value;
    }

    public string Key { get; }

    public TextRange KeyRange { get; }

    public JsonSyntax Value { get; }
}

internal sealed class JsonArraySyntax : JsonSyntax
{
    public JsonArraySyntax(TextRange range, IReadOnlyList<JsonSyntax> items)
        : base(range) => Items = items;

    public IReadOnlyList<JsonSyntax> Items { get; }

    public override string KindName => "array";

    internal override void WriteTo(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            Items[i].WriteTo(builder);
        }

        builder.Append(']');
    }
}

internal sealed class JsonStringSyntax : JsonSyntax
{
    public JsonStringSyntax(TextRange range, string value)
        : base(range) => Value = value;

    public string Value { get; }

    public override string KindName => "string";

    internal override void WriteTo(StringBuilder builder) => WriteString(builder, Value);
}

internal sealed class JsonNumberSyntax : JsonSyntax
{
    public JsonNumberSyntax(TextRange range, string text)
        : base(range) => Text = text;

    /// <summary>The number exactly as written.</summary>
    public string Text { get; }

    public override string KindName => "number";

    public bool IsInteger => Text.IndexOfAny(['.', 'e', 'E']) < 0;

    internal override void WriteTo(StringBuilder builder) => builder.Append(Text);
}

internal sealed class JsonBooleanSyntax : JsonSyntax
{
    public JsonBooleanSyntax(TextRange range, bool value)
        : base(range) => Value = value;

    public bool Value { get; }

    public override string KindName => "boolean";

    internal override void WriteTo(StringBuilder builder) => builder.Append(Value ? "true" : "false");
}

internal sealed class JsonNullSyntax : JsonSyntax
{
    public JsonNullSyntax(TextRange range)
        : base(range)
    {
    }

    public override string KindName => "null";

    internal override void WriteTo(StringBuilder builder) => builder.Append("null");
}
