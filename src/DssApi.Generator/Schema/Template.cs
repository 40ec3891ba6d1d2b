using System.Collections.Generic;
using System.Text.RegularExpressions;
using DssApi.Generator.Json;

namespace DssApi.Generator.Schema;

/// <summary>
/// Placeholders in templates, paths and queries: <c>"{name}"</c> puts a parameter's value (null kept),
/// <c>"{name?}"</c> leaves the member out when the value is null, <c>"{name? unless other}"</c> also
/// leaves it out when <c>other</c> has a value (of two ways to say one thing, only the first is sent),
/// and text around placeholders makes an interpolated string. An object left empty by left-out
/// members is itself left out.
/// </summary>
internal static class Template
{
    private static readonly Regex PlaceholderPattern = new(@"\{([A-Za-z_][A-Za-z0-9_]*)(\?(?: unless ([A-Za-z_][A-Za-z0-9_]*))?)?\}", RegexOptions.CultureInvariant);

    /// <summary>When <paramref name="text"/> is exactly one placeholder, its parameter and whether it may be left out.</summary>
    public static bool IsSinglePlaceholder(string text, out string name, out bool omitWhenNull) =>
        IsSinglePlaceholder(text, out name, out omitWhenNull, out _);

    /// <summary>As above, with the parameter whose value also leaves the member out (<c>"{name? unless other}"</c>), if any.</summary>
    public static bool IsSinglePlaceholder(string text, out string name, out bool omitWhenNull, out string? unless)
    {
        var match = PlaceholderPattern.Match(text);
        name = match.Groups[1].Value;
        omitWhenNull = match.Groups[2].Value.StartsWith("?", System.StringComparison.Ordinal);
        unless = match.Groups[3].Success ? match.Groups[3].Value : null;
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
                    foreach (Match match in PlaceholderPattern.Matches(text.Value))
                    {
                        yield return match.Groups[1].Value;
                        if (match.Groups[3].Success)
                        {
                            yield return match.Groups[3].Value;
                        }
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
