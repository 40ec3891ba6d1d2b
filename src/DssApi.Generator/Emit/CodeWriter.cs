using System;
using System.Text;

namespace DssApi.Generator.Emit;

/// <summary>Writes C# text line by line with indentation.</summary>
internal sealed class CodeWriter
{
    // Most generated files are a few thousand characters: one buffer of that size avoids growing it line by line.
    private readonly StringBuilder _builder = new(4096);
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
    }

    /// <summary>The argument check of a reference parameter, in a form every target framework has
    /// (netstandard2.0 has no <c>ArgumentNullException.ThrowIfNull</c>).</summary>
    public void NullCheck(string parameter) =>
        Line($"if ({parameter} is null) throw new global::System.ArgumentNullException(nameof({parameter}));");

    public void Open(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>An XML doc element; the text is escaped and split into lines.</summary>
    public void Doc(string element, string text, string attributes = "")
    {
        var lines = Escape(text).Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 1)
        {
            Line($"/// <{element}{attributes}>{lines[0]}</{element}>");
            return;
        }

        Line($"/// <{element}{attributes}>");
        foreach (var line in lines)
        {
            Line("/// " + line.TrimEnd());
        }

        Line($"/// </{element}>");
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
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
                    if (c < ' ' || (c >= '\u007f' && char.IsControl(c)))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public override string ToString() => _builder.ToString();
}
