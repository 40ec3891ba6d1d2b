using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;

namespace DssApi.Generator.Schema;

// Enums and their values.
internal sealed partial class SchemaReader
{
    private static readonly string[] EnumKeys = ["description", "since", "values"];
    private static readonly string[] EnumValueKeys = ["name", "description", "since"];

    private void ReadEnum(string name, TextRange nameRange, JsonSyntax value)
    {
        if (AsObject(value, $"enum '{name}'") is not { } syntax)
        {
            return;
        }

        var properties = Properties(syntax, $"enum '{name}'", EnumKeys);
        var values = new List<EnumValueDef>();
        if (properties.TryGetValue("values", out var valuesProperty) && AsObject(valuesProperty.Value, $"the values of enum '{name}'") is { } valuesSyntax)
        {
            foreach (var entry in Entries(valuesSyntax, $"the values of enum '{name}'"))
            {
                if (ReadEnumValue(name, entry) is { } enumValue)
                {
                    values.Add(enumValue);
                }
            }
        }
        else if (valuesProperty is null)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, nameRange, $"enum '{name}' has no 'values'");
        }

        _enums.Add(new EnumDef(name, OptionalString(properties, "description"), Since(properties), values.ToEquatableArray(), At(nameRange)));
    }

    private EnumValueDef? ReadEnumValue(string enumName, JsonPropertySyntax entry)
    {
        string? dotnetName;
        string? description = null;
        string? since = null;
        if (entry.Value is JsonStringSyntax shorthand)
        {
            dotnetName = shorthand.Value;
        }
        else if (AsObject(entry.Value, $"value '{entry.Key}' of enum '{enumName}'") is { } syntax)
        {
            var properties = Properties(syntax, $"value '{entry.Key}' of enum '{enumName}'", EnumValueKeys);
            dotnetName = OptionalString(properties, "name") ?? NameFromWire(entry.Key);
            description = OptionalString(properties, "description");
            since = Since(properties);
        }
        else
        {
            return null;
        }

        var nameRange = entry.Value is JsonStringSyntax ? entry.Value.Range : entry.KeyRange;
        return CheckIdentifier(dotnetName, nameRange)
            ? new EnumValueDef(entry.Key, dotnetName, description, since, entry.Value.ToJsonText(), At(entry.KeyRange))
            : null;
    }
}
