using System.Text;

namespace DssApi.Transport;

/// <summary>Expands path templates, escaping each value so that it stays one path segment.</summary>
internal static class DssPath
{
    /// <summary>
    /// Replaces each <c>{name}</c> of the template, in order, by the escaped value. Slashes,
    /// percent signs, spaces, control and non-ASCII characters are percent-encoded, and a value
    /// made only of dots is encoded too, since <c>.</c> and <c>..</c> would otherwise be
    /// collapsed by URL normalisation and change the path.
    /// </summary>
    public static string Expand(string template, IReadOnlyList<string> values)
    {
        var path = new StringBuilder(template.Length + 32);
        var valueIndex = 0;
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                path.Append(template, position, template.Length - position);
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                throw new ArgumentException($"The path template '{template}' has an unclosed '{{'.", nameof(template));
            }

            var name = template.Substring(open + 1, close - open - 1);
            if (valueIndex >= values.Count)
            {
                throw new ArgumentException($"The path template '{template}' needs a value for '{name}'.", nameof(values));
            }

            path.Append(template, position, open - position);
            path.Append(EscapeSegment(values[valueIndex++], name));
            position = close + 1;
        }

        if (valueIndex != values.Count)
        {
            throw new ArgumentException(
                $"The path template '{template}' has {valueIndex} parameter(s) but {values.Count} value(s) were given.", nameof(values));
        }

        return path.ToString();
    }

    /// <summary>Escapes one value as a single path segment.</summary>
    /// <param name="value">The id.</param>
    /// <param name="name">The parameter name, for the error message.</param>
    public static string EscapeSegment(string value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"The path parameter '{name}' must not be null.");
        }

        if (value.Length == 0)
        {
            throw new ArgumentException($"The path parameter '{name}' must not be empty: it would change the path.", name);
        }

        if (value.AsSpan().TrimStart('.').IsEmpty)
        {
            return new StringBuilder(value.Length * 3).Insert(0, "%2E", value.Length).ToString();
        }

        return Uri.EscapeDataString(value);
    }
}
