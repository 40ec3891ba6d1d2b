using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DssApi.Generator.Json;
using DssApi.Generator.Schema;

namespace DssApi.Generator.Emit;

/// <summary>A value templates can name: a parameter or an identity value, as a C# expression.</summary>
internal sealed record Binding(string Expression, string Type, bool Nullable);

/// <summary>
/// Writes the code that builds JSON (bodies, mutator items, query strings) from the templates of
/// the schema; see <see cref="Template"/> for the placeholder rules.
/// </summary>
internal sealed class TemplateEmitter
{
    private readonly CodeWriter _writer;
    private readonly TypeMapper _types;
    private readonly IReadOnlyDictionary<string, Binding> _bindings;
    private int _counter;

    public TemplateEmitter(CodeWriter writer, TypeMapper types, IReadOnlyDictionary<string, Binding> bindings)
    {
        _writer = writer;
        _types = types;
        _bindings = bindings;
    }

    /// <summary>Writes statements building the template into a new local; returns the local's name.</summary>
    public string BuildObject(string templateJson, string name)
    {
        var syntax = (JsonObjectSyntax)JsonParser.Parse(templateJson).Root!;
        return BuildObject(syntax, name);
    }

    /// <summary>An expression for a whole-value template (a body that is one placeholder or a literal), or null for an object.</summary>
    public string Value(string templateJson, string name)
    {
        var syntax = JsonParser.Parse(templateJson).Root!;
        return syntax is JsonObjectSyntax obj ? BuildObject(obj, name) : Expression(syntax, name);
    }

    /// <summary>Members of a 'set' template: the JSON name, the value expression, and whether null removes the member.</summary>
    public IEnumerable<(string Key, string Value, bool RemoveWhenNull)> Members(string templateJson)
    {
        var syntax = (JsonObjectSyntax)JsonParser.Parse(templateJson).Root!;
        foreach (var property in syntax.Properties)
        {
            var value = Expression(property.Value, "value");
            yield return (property.Key, property.Value is JsonObjectSyntax && IsOmittable(property.Value) ? $"({value}.Count > 0 ? {value} : null)" : value, IsOmittable(property.Value));
        }
    }

    /// <summary>Writes one <c>AddQuery</c> call per member of a query template.</summary>
    public void AddQueries(string queryJson, string request)
    {
        var syntax = (JsonObjectSyntax)JsonParser.Parse(queryJson).Root!;
        foreach (var property in syntax.Properties)
        {
            var key = CodeWriter.Literal(property.Key);
            switch (property.Value)
            {
                case JsonStringSyntax text when Template.IsSinglePlaceholder(text.Value, out var name, out _):
                    var binding = _bindings[name];
                    _writer.Line(binding.Type switch
                    {
                        TypeName.String => $"{request}.AddQuery({key}, {binding.Expression});",
                        TypeName.Bool => $"{request}.AddQuery({key}, (bool?){binding.Expression});",
                        TypeName.Integer => $"{request}.AddQuery({key}, (long?){binding.Expression});",
                        TypeName.Number => $"{request}.AddQuery({key}, {Names.DssJson}.FormatNumber({binding.Expression}));",
                        _ when _types.IsEnum(binding.Type) => $"{request}.AddQuery({key}, {binding.Expression}{(binding.Nullable ? "?." : ".")}Value);",
                        _ => $"{request}.AddJsonQuery({key}, {_types.Write(binding.Type, binding.Expression, binding.Nullable)});",
                    });
                    break;
                case JsonStringSyntax text:
                    _writer.Line($"{request}.AddQuery({key}, {Interpolate(text.Value)});");
                    break;
                case JsonBooleanSyntax flag:
                    _writer.Line($"{request}.AddQuery({key}, (bool?){(flag.Value ? "true" : "false")});");
                    break;
                case JsonNumberSyntax number when number.IsInteger:
                    _writer.Line($"{request}.AddQuery({key}, (long?){number.Text}L);");
                    break;
                default:
                    _writer.Line($"{request}.AddQuery({key}, {CodeWriter.Literal(property.Value.ToJsonText())});");
                    break;
            }
        }
    }

    private string BuildObject(JsonObjectSyntax syntax, string name)
    {
        var local = $"{name}Json{(_counter++ == 0 ? string.Empty : _counter.ToString(CultureInfo.InvariantCulture))}";
        _writer.Line($"var {local} = new {Names.JsonObject}();");
        foreach (var property in syntax.Properties)
        {
            var key = CodeWriter.Literal(property.Key);
            if (property.Value is JsonStringSyntax text && Template.IsSinglePlaceholder(text.Value, out var parameter, out var omitWhenNull, out var unless))
            {
                var binding = _bindings[parameter];
                var value = _types.Write(binding.Type, binding.Expression, binding.Nullable);
                var conditions = new List<string>();
                if (omitWhenNull && binding.Nullable)
                {
                    conditions.Add($"{binding.Expression} is not null");
                }

                if (unless is not null)
                {
                    conditions.Add($"{_bindings[unless].Expression} is null");
                }

                _writer.Line(conditions.Count > 0
                    ? $"if ({string.Join(" && ", conditions)}) {local}[{key}] = {value};"
                    : $"{local}[{key}] = {value};");
                continue;
            }

            if (property.Value is JsonObjectSyntax child)
            {
                var childLocal = BuildObject(child, property.Key.Length > 0 && char.IsLetter(property.Key[0]) ? SafeLocal(property.Key) : "member");
                _writer.Line(IsOmittable(child) ? $"if ({childLocal}.Count > 0) {local}[{key}] = {childLocal};" : $"{local}[{key}] = {childLocal};");
                continue;
            }

            _writer.Line($"{local}[{key}] = {Expression(property.Value, "member")};");
        }

        return local;
    }

    private static string SafeLocal(string key) => new string(key.Where(char.IsLetterOrDigit).ToArray()) is { Length: > 0 } clean && char.IsLetter(clean[0]) ? char.ToLowerInvariant(clean[0]) + clean.Substring(1) : "member";

    /// <summary>An object whose every member may be left out disappears when all are.</summary>
    private static bool IsOmittable(JsonSyntax syntax) => syntax switch
    {
        JsonStringSyntax text => Template.IsSinglePlaceholder(text.Value, out _, out var omit) && omit,
        JsonObjectSyntax obj => obj.Properties.Count > 0 && obj.Properties.All(p => IsOmittable(p.Value)),
        _ => false,
    };

    private string Expression(JsonSyntax syntax, string name)
    {
        switch (syntax)
        {
            case JsonStringSyntax text when Template.IsSinglePlaceholder(text.Value, out var parameter, out _):
                var binding = _bindings[parameter];
                return _types.Write(binding.Type, binding.Expression, binding.Nullable);
            case JsonStringSyntax text:
                return $"{Names.JsonValue}.Create({Interpolate(text.Value)})";
            case JsonBooleanSyntax flag:
                return $"{Names.JsonValue}.Create({(flag.Value ? "true" : "false")})";
            case JsonNumberSyntax number:
                return $"{Names.JsonValue}.Create({number.Text}{(number.IsInteger ? "L" : "d")})";
            case JsonObjectSyntax obj:
                return BuildObject(obj, name);
            case JsonArraySyntax array:
                var local = $"{name}Items{_counter++}";
                _writer.Line($"var {local} = new {Names.JsonArray}();");
                foreach (var item in array.Items)
                {
                    _writer.Line($"{local}.Add(({Names.JsonNode}?){Expression(item, name)});");
                }

                return local;
            default:
                return "null";
        }
    }

    /// <summary>A C# string expression for text with placeholders inside it.</summary>
    public string Interpolate(string text)
    {
        var pieces = Template.Split(text);
        if (pieces.Count == 1)
        {
            return CodeWriter.Literal(text);
        }

        if (pieces.Count == 3 && pieces[0].Length == 0 && pieces[2].Length == 0 && _bindings[pieces[1]] is { Type: TypeName.String, Nullable: false } whole)
        {
            return whole.Expression;
        }

        var parts = new List<string>();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i % 2 == 0)
            {
                if (pieces[i].Length > 0)
                {
                    parts.Add(CodeWriter.Literal(pieces[i]));
                }
            }
            else
            {
                var binding = _bindings[pieces[i]];
                parts.Add(binding.Type == TypeName.String
                    ? binding.Expression
                    : $"global::System.Convert.ToString({binding.Expression}, global::System.Globalization.CultureInfo.InvariantCulture)");
            }
        }

        return $"string.Concat({string.Join(", ", parts)})";
    }
}
