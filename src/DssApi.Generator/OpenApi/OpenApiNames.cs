using System;
using System.Collections.Generic;
using System.Text;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;

namespace DssApi.Generator.OpenApi;

/// <summary>C# names for what an OpenAPI document names on the wire.</summary>
internal static class OpenApiNames
{
    /// <summary>A C# name for a wire name: "tenure_months" → "TenureMonths", "month-to-month" → "MonthToMonth"; other characters dropped, a leading digit prefixed.</summary>
    public static string Identifier(string wire, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var c in SchemaReader.NameFromWire(wire.Replace('=', '_').Replace('/', '_').Replace(':', '_')))
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
        }

        var name = builder.Length == 0 ? fallback : char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
        return SchemaReader.IsValidIdentifier(name) ? name : name + fallback;
    }

    public static string EnumMember(string wire) => Identifier(wire, "Value");

    /// <summary>Takes a name, numbered when it is taken already.</summary>
    public static string Unique(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var suffix = 2; !taken.Add(candidate); suffix++)
        {
            candidate = name + suffix;
        }

        return candidate;
    }

    /// <summary>Enum members with unique C# names (two wire values can map to one name, such as "a-b" and "a_b").</summary>
    public static IEnumerable<EnumValueDef> Distinct(IEnumerable<EnumValueDef> values)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { "Value", "IsKnown" };
        foreach (var value in values)
        {
            yield return value with { Name = Unique(taken, value.Name) };
        }
    }
}
