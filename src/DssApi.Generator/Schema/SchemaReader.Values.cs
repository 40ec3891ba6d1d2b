using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.Generator.Schema;

// The JSON values every construct is made of: objects, strings, flags, versions, lists, identifiers.
internal sealed partial class SchemaReader
{
    /// <summary>An optional object whose members are all strings, in written order; other members are reported.</summary>
    private List<T> StringEntries<T>(Dictionary<string, JsonPropertySyntax> properties, string key, string construct, string eachMember,
        System.Func<string, string, T> create)
    {
        var entries = new List<T>();
        var what = $"the {key} of {construct}";
        if (properties.TryGetValue(key, out var property) && AsObject(property.Value, what) is { } syntax)
        {
            foreach (var entry in Entries(syntax, what))
            {
                if (entry.Value is JsonStringSyntax text)
                {
                    entries.Add(create(entry.Key, text.Value));
                }
                else
                {
                    Report(DiagnosticDescriptors.UnknownConstruct, entry.Value.Range, $"each member of {what} {eachMember}");
                }
            }
        }

        return entries;
    }

    private JsonObjectSyntax? AsObject(JsonSyntax syntax, string what)
    {
        if (syntax is JsonObjectSyntax obj)
        {
            return obj;
        }

        Report(DiagnosticDescriptors.UnknownConstruct, syntax.Range, $"{what} must be a JSON object, not a {syntax.KindName}");
        return null;
    }

    /// <summary>The members of an object in written order (names of types, fields, parameters...), each key once; repeated keys are reported.</summary>
    private List<JsonPropertySyntax> Entries(JsonObjectSyntax syntax, string construct)
    {
        var unique = Properties(syntax, construct, allowed: null);
        return syntax.Properties.Where(p => unique.TryGetValue(p.Key, out var first) && ReferenceEquals(first, p)).ToList();
    }

    /// <summary>The members of an object by key; reports keys not in <paramref name="allowed"/> (when given) and repeated keys.</summary>
    private Dictionary<string, JsonPropertySyntax> Properties(JsonObjectSyntax syntax, string construct, string[]? allowed)
    {
        var result = new Dictionary<string, JsonPropertySyntax>();
        foreach (var property in syntax.Properties)
        {
            if (allowed is not null && !allowed.Contains(property.Key))
            {
                Report(DiagnosticDescriptors.UnknownConstruct, property.KeyRange, $"'{property.Key}' is not a construct of {construct}; expected one of: {string.Join(", ", allowed)}");
                continue;
            }

            if (result.ContainsKey(property.Key))
            {
                Report(DiagnosticDescriptors.DuplicateName, property.KeyRange, $"in {construct}, the key", property.Key);
                continue;
            }

            result.Add(property.Key, property);
        }

        return result;
    }

    private string? OptionalString(Dictionary<string, JsonPropertySyntax> properties, string key) => OptionalString(properties, key, out _);

    private string? OptionalString(Dictionary<string, JsonPropertySyntax> properties, string key, out TextRange? range)
    {
        range = null;
        if (!properties.TryGetValue(key, out var property))
        {
            return null;
        }

        range = property.Value.Range;
        if (property.Value is JsonStringSyntax text)
        {
            return text.Value;
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'{key}' must be a string, not a {property.Value.KindName}");
        return null;
    }

    private string? RequiredString(Dictionary<string, JsonPropertySyntax> properties, string key, string construct, TextRange ownerRange, out TextRange range)
    {
        range = ownerRange;
        if (!properties.ContainsKey(key))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, ownerRange, $"{construct} has no '{key}'");
            return null;
        }

        var value = OptionalString(properties, key, out var valueRange);
        range = valueRange ?? ownerRange;
        return value;
    }

    private bool? OptionalBool(Dictionary<string, JsonPropertySyntax> properties, string key)
    {
        if (!properties.TryGetValue(key, out var property))
        {
            return null;
        }

        if (property.Value is JsonBooleanSyntax flag)
        {
            return flag.Value;
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'{key}' must be true or false, not a {property.Value.KindName}");
        return null;
    }

    private string? Since(Dictionary<string, JsonPropertySyntax> properties)
    {
        var since = OptionalString(properties, "since", out var range);
        if (since is not null && !VersionNumber.TryParse(since, out _))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, range!.Value, $"'{since}' is not a DSS version such as \"13.2\" or \"12.4.0\"");
            return null;
        }

        return since;
    }

    private EquatableArray<string> StringList(Dictionary<string, JsonPropertySyntax> properties, string key, string construct)
    {
        if (!properties.TryGetValue(key, out var property))
        {
            return EquatableArray<string>.Empty;
        }

        if (property.Value is JsonArraySyntax array && array.Items.All(item => item is JsonStringSyntax))
        {
            return array.Items.Cast<JsonStringSyntax>().Select(item => item.Value).ToEquatableArray();
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'{key}' of {construct} must be an array of strings");
        return EquatableArray<string>.Empty;
    }

    private bool CheckIdentifier(string name, TextRange range)
    {
        if (IsValidIdentifier(name))
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidIdentifier, range, name);
        return false;
    }

    public static bool IsValidIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
        && name is not ("value" or "var" or "dynamic");

    /// <summary>The default .NET name of a wire name: "authMethod" → "AuthMethod", "API_KEYS" → "ApiKeys".</summary>
    public static string NameFromWire(string wire)
    {
        var builder = new System.Text.StringBuilder(wire.Length);
        var upperNext = true;
        var allCaps = wire.ToUpperInvariant() == wire;
        foreach (var c in wire)
        {
            if (c is '_' or '-' or '.' or ' ')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : allCaps ? char.ToLowerInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }
}
