using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DssApi.Deploy.Loading;

/// <summary>
/// <c>${NAME}</c> references to environment variables: how a desired state gives its secrets, and any value the
/// pipeline decides (a node URL, say). The state keeps the reference text; a secret's clear value is read only
/// into the body of a request, another value also into the plan's comparison.
/// </summary>
internal static partial class SecretReferences
{
    /// <summary>Whether a value of the file holds a reference.</summary>
    public static bool HasReference(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>Why a string's references cannot be resolved: malformed, or naming an unset variable.</summary>
    public static IEnumerable<string> Problems(string text, Func<string, string?> environment)
    {
        var rest = Reference().Replace(text, "");
        if (rest.Contains("${", StringComparison.Ordinal))
        {
            yield return "a '${' opens no valid reference; write ${NAME} with a variable name of letters, digits and _";
        }

        foreach (Match match in Reference().Matches(text))
        {
            if (environment(match.Groups[1].Value) is null)
            {
                yield return $"environment variable {match.Groups[1].Value} is not set";
            }
        }
    }

    /// <summary>A copy of <paramref name="node"/> with every reference replaced by its variable's value.</summary>
    public static JsonNode? Resolve(JsonNode? node, Func<string, string?> environment) => node switch
    {
        JsonObject json => new JsonObject(json.Select(property => KeyValuePair.Create(property.Key, Resolve(property.Value, environment)))),
        JsonArray array => new JsonArray([.. array.Select(item => Resolve(item, environment))]),
        JsonValue value when value.TryGetValue<string>(out var text) && HasReference(text) => JsonValue.Create(Resolve(text, environment)),
        _ => node?.DeepClone(),
    };

    private static string Resolve(string text, Func<string, string?> environment) =>
        Reference().Replace(text, match => environment(match.Groups[1].Value)
            ?? throw new InvalidOperationException($"Environment variable {match.Groups[1].Value} is not set"));

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
