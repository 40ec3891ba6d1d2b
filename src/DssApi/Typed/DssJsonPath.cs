using System.Text;
using System.Text.Json;

namespace DssApi.Typed;

/// <summary>The JSON path of a value in UTF-8 JSON, written as <c>JsonNode.GetPath()</c> writes it
/// (<c>$.results[1].probas.churn</c>), so typed answers and settings name wrong values alike.</summary>
internal static class DssJsonPath
{
    /// <summary>The path of the value whose first token starts at <paramref name="offset"/>.</summary>
    /// <param name="utf8">The whole document, which must be readable up to that value.</param>
    /// <param name="offset">Where the value starts, as <see cref="Utf8JsonReader.TokenStartIndex"/> gave it.</param>
    public static string At(ReadOnlySpan<byte> utf8, long offset)
    {
        var reader = new Utf8JsonReader(utf8);
        var steps = new List<Step>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                steps[^1] = steps[^1] with { Name = reader.GetString() };
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                steps.RemoveAt(steps.Count - 1);
                continue;
            }

            if (steps.Count > 0 && steps[^1].InArray)
            {
                steps[^1] = steps[^1] with { Index = steps[^1].Index + 1 };
            }

            if (reader.TokenStartIndex >= offset)
            {
                break;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                steps.Add(new Step(reader.TokenType == JsonTokenType.StartArray, -1, null));
            }
        }

        var path = new StringBuilder("$");
        foreach (var step in steps)
        {
            if (step.InArray)
            {
                path.Append('[').Append(step.Index).Append(']');
            }
            else if (IsPlainName(step.Name!))
            {
                path.Append('.').Append(step.Name);
            }
            else
            {
                path.Append("['").Append(step.Name).Append("']");
            }
        }

        return path.ToString();
    }

    private static bool IsPlainName(string name) => name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>One container on the way to the value: in an array, the index reached; in an object, the member name.</summary>
    private readonly record struct Step(bool InArray, int Index, string? Name);
}
