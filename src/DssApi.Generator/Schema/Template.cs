using System.Collections.Generic;
using System.Text.RegularExpressions;
using DssApi.Generator.Json;

namespace DssApi.Generator.Schema;

/// <summary>
/// Placeholders in templates, paths and queries: <c>"{name}"</c> puts a parameter's value (null kept),
/// <c>"{name?}"</c> leaves the member out when the value is null, and text around placeholders makes
/// an interpolated string. An object left empty by left-out members is itself left out.
/// </summary>
internal static class Template
{
    private static readonly Regex PlaceholderPattern = new(@"\{([A-Za-z_][A-Za-z0-9_]*)(\??)\}", RegexOptions.CultureInvariant);

    /// <summary>When <paramref name="text"/> is exactly one placeholder, its parameter and whether it may be left out.</summary>
    public static bool IsSinglePlaceholder(string text, out string name, out bool omitWhenNull)
    {
        var match = PlaceholderPattern.Match(text);
        name = match.Groups[1].Value;
        omitWhenNull = match.Groups[2].Value == "?";
        return match.Success && match.Index == 0 && match.Length == text.Length;
    }

    /// <summary>The text pieces and placeholder names of an interpolated string, in order (names at odd indexes).</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var last = 0;
        foreach (Match match in PlaceholderPattern.Matches(text))
        {
            pieces.Add(text.Substring(last, match.Index - last));
            pieces.Add(match.Groups[1].Value);
            last = match.Index + match.Length;
        }

        pieces.Add(text.Substring(last));
        return pieces;
    }

    public static IEnumerable<string> NamesIn(string text)
    {
        foreach (Match match in PlaceholderPattern.Matches(text))
        {
            yield return match.Groups[1].Value;
        }
    }

    /// <summary>Every parameter named anywhere in a JSON template (keys are literal).</summary>
    public static IEnumerable<string> NamesInJson(string? json)
    {
        if (json is null || JsonParser.Parse(json).Root is not { } root)
        {
            yield break;
        }

        var pending = new Stack<JsonSyntax>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonStringSyntax text:
                    foreach (var name in NamesIn(text.Value))
                    {
                        yield return name;
                    }

                    break;
                case JsonObjectSyntax obj:
                    foreach (var property in obj.Properties)
                    {
                        pending.Push(property.Value);
                    }

                    break;
                case JsonArraySyntax array:
                    foreach (var item in array.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }
}
