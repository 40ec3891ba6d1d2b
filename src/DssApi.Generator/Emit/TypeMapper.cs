using System.Collections.Generic;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;

namespace DssApi.Generator.Emit;

/// <summary>Turns schema types into C# types and into the code that reads and writes them as JSON.</summary>
internal sealed class TypeMapper
{
    private readonly string _namespace;
    private readonly Dictionary<string, TypeReference> _types = new(System.StringComparer.Ordinal);

    public TypeMapper(string ns, IEnumerable<TypeReference> references)
    {
        _namespace = ns;
        foreach (var reference in references)
        {
            _types[reference.Name] = reference;
        }
    }

    public string Qualified(string name) => $"global::{_namespace}.{name}";

    public TypeReference Info(string name) => _types[name];

    /// <summary>The schema's description of a type this file mentions; null when it has none.</summary>
    public string? Description(string type) => _types.TryGetValue(type, out var info) ? info.Description : null;

    public bool IsEnum(string type) => _types.TryGetValue(type, out var info) && info.Category == TypeCategory.Enum;

    /// <summary>The C# type of one item of a list or map: never nullable, except raw JSON.</summary>
    public string ElementType(string type) => type switch
    {
        TypeName.String => "string",
        TypeName.Bool => "bool",
        TypeName.Integer => "long",
        TypeName.Number => "double",
        TypeName.Json => Names.JsonNode + "?",
        TypeName.Stream => Names.Stream,
        _ => Qualified(type),
    };

    /// <summary>The C# type of a property; <paramref name="editable"/> picks live editable collections.</summary>
    public string PropertyType(string type, bool required, bool editable)
    {
        if (TypeName.IsList(type, out var element))
        {
            return editable
                ? $"global::System.Collections.Generic.IList<{ElementType(element)}>"
                : $"global::System.Collections.Generic.IReadOnlyList<{ElementType(element)}>";
        }

        if (TypeName.IsMap(type, out element))
        {
            return editable
                ? $"global::System.Collections.Generic.IDictionary<string, {ElementType(element)}>"
                : $"global::System.Collections.Generic.IReadOnlyDictionary<string, {ElementType(element)}>";
        }

        var plain = ElementType(type);
        return required || type == TypeName.Json ? plain : plain + "?";
    }

    /// <summary>The C# type of a method parameter.</summary>
    public string ParameterType(ParamDef parameter)
    {
        if (TypeName.IsList(parameter.Type, out var element))
        {
            return $"global::System.Collections.Generic.IEnumerable<{ElementType(element)}>" + (parameter.Optional ? "?" : string.Empty);
        }

        if (TypeName.IsMap(parameter.Type, out element))
        {
            return $"global::System.Collections.Generic.IReadOnlyDictionary<string, {ElementType(element)}>" + (parameter.Optional ? "?" : string.Empty);
        }

        var plain = ElementType(parameter.Type);
        var nullable = parameter.Optional && parameter.Type != TypeName.Json && (parameter.DefaultJson is null or "null" || IsEnum(parameter.Type));
        return nullable ? plain + "?" : plain;
    }

    /// <summary>
    /// The value a parameter stands for in templates. An enum's default cannot be a C# constant, so
    /// the parameter is nullable and null stands for the schema's default value.
    /// </summary>
    public string ParameterValue(ParamDef parameter)
    {
        if (IsEnum(parameter.Type) && parameter.DefaultJson is { } json && Json.JsonParser.Parse(json).Root is Json.JsonStringSyntax text)
        {
            return $"({parameter.Name} ?? new {Qualified(parameter.Type)}({CodeWriter.Literal(text.Value)}))";
        }

        return parameter.Name;
    }

    /// <summary>Whether a parameter's C# type admits null.</summary>
    public bool ParameterIsNullable(ParamDef parameter) => ParameterType(parameter).EndsWith("?", System.StringComparison.Ordinal);

    /// <summary>An expression reading <paramref name="node"/> as the (nullable) value of <paramref name="type"/>.</summary>
    public string Read(string type, string node) => type switch
    {
        TypeName.String => $"{Names.DssJson}.AsString({node})",
        TypeName.Bool => $"{Names.DssJson}.AsBoolean({node})",
        TypeName.Integer => $"{Names.DssJson}.AsInt64({node})",
        TypeName.Number => $"{Names.DssJson}.AsDouble({node})",
        TypeName.Json => node,
        _ when IsEnum(type) => $"{Qualified(type)}.FromJson({node})",
        _ => $"({Names.DssJson}.AsObjectOrNull({node}) is {{ }} __object ? {Qualified(type)}.FromJson(__object) : null)",
    };

    /// <summary>An expression reading <paramref name="node"/> as one item of a list or map (never null).</summary>
    public string ReadElement(string type, string node) => type switch
    {
        TypeName.String => $"{Names.DssJson}.AsString({node}) ?? string.Empty",
        TypeName.Bool => $"{Names.DssJson}.AsBoolean({node}) ?? false",
        TypeName.Integer => $"{Names.DssJson}.AsInt64({node}) ?? 0L",
        TypeName.Number => $"{Names.DssJson}.AsDouble({node}) ?? 0d",
        TypeName.Json => node,
        _ when IsEnum(type) => $"{Qualified(type)}.FromJson({node}) ?? default",
        _ => $"{Qualified(type)}.FromJson({Names.DssJson}.AsObjectOrEmpty({node}))",
    };

    /// <summary>An expression turning a C# value of <paramref name="type"/> into a JSON node (null stays null).</summary>
    public string Write(string type, string value, bool nullable)
    {
        if (TypeName.IsList(type, out var element))
        {
            return $"{Names.DssJson}.ToArray({value}, static jsonItem => {Write(element, "jsonItem", element == TypeName.Json)})";
        }

        if (TypeName.IsMap(type, out element))
        {
            return $"{Names.DssJson}.ToObject({value}, static jsonItem => {Write(element, "jsonItem", element == TypeName.Json)})";
        }

        var access = nullable ? "?." : ".";
        return type switch
        {
            TypeName.String or TypeName.Bool or TypeName.Integer or TypeName.Number => $"{Names.JsonValue}.Create({value})",
            TypeName.Json => $"{Names.DssJson}.Adopt({value})",
            _ when IsEnum(type) => $"{value}{access}ToJson()",
            _ => $"{Names.DssJson}.Adopt({value}{access}GetRaw())",
        };
    }

    /// <summary>The C# literal of a parameter's JSON default.</summary>
    public static string DefaultLiteral(string json)
    {
        if (json.StartsWith("\"", System.StringComparison.Ordinal) && Json.JsonParser.Parse(json).Root is Json.JsonStringSyntax text)
        {
            return CodeWriter.Literal(text.Value);
        }

        return json;
    }
}
