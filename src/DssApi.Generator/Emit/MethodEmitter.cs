using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;

namespace DssApi.Generator.Emit;

/// <summary>What mutators, routes and saves share: parameter lists, their docs and checks, and request building.</summary>
internal sealed class MethodEmitter
{
    private readonly EmitContext _context;
    private readonly TypeMapper _types;

    public MethodEmitter(EmitContext context, TypeMapper types)
    {
        _context = context;
        _types = types;
    }

    private CodeWriter W => _context.Writer;

    /// <summary>Parameters in C# order: required ones as the schema lists them, then optional ones.</summary>
    public static List<ParamDef> Ordered(IEnumerable<ParamDef> parameters)
    {
        var all = parameters.ToList();
        return all.Where(p => !p.Optional).Concat(all.Where(p => p.Optional)).ToList();
    }

    public string Signature(IReadOnlyList<ParamDef> parameters, bool withCancellation, string? receiver = null)
    {
        var parts = new List<string>();
        if (receiver is not null)
        {
            parts.Add(receiver);
        }

        foreach (var parameter in parameters)
        {
            var type = _types.ParameterType(parameter);
            var text = $"{type} {parameter.Name}";
            if (parameter.Optional)
            {
                text += " = " + (parameter.DefaultJson is { } json && json != "null" && !_types.IsEnum(parameter.Type)
                    ? TypeMapper.DefaultLiteral(json)
                    : parameter.Type is TypeName.Json ? "null" : "default");
            }

            parts.Add(text);
        }

        if (withCancellation)
        {
            parts.Add($"{Names.CancellationToken} cancellationToken = default");
        }

        return string.Join(", ", parts);
    }

    public void ParamDocs(IReadOnlyList<ParamDef> parameters, bool withCancellation, string? receiverDoc = null)
    {
        if (receiverDoc is not null)
        {
            W.Doc("param", receiverDoc, " name=\"client\"");
        }

        foreach (var parameter in parameters)
        {
            W.Doc("param", parameter.Description ?? $"The {Words(parameter.Name)}.", $" name=\"{parameter.Name}\"");
        }

        if (withCancellation)
        {
            W.Doc("param", "Cancels the request.", " name=\"cancellationToken\"");
        }
    }

    /// <summary>Marks parameters some infrastructure types ignore, and lists whose shares must add up to 1, for analyzers.</summary>
    public void InfraAttributes(IReadOnlyList<ParamDef> parameters)
    {
        foreach (var parameter in parameters.Where(p => p.IgnoredForInfraTypes.Count > 0))
        {
            var types = string.Join(", ", parameter.IgnoredForInfraTypes.Select(CodeWriter.Literal));
            W.Line($"[{Names.Annotations}DssIgnoredForInfraTypes({CodeWriter.Literal(parameter.Name)}, {types})]");
        }

        foreach (var parameter in parameters.Where(p => p.SumsToOne is not null))
        {
            W.Line($"[{Names.Annotations}DssSumsToOne({CodeWriter.Literal(parameter.Name)}, {CodeWriter.Literal(parameter.SumsToOne!)})]");
        }
    }

    /// <summary>
    /// Argument checks the schema asks for; a checked list parameter is replaced by the checked copy.
    /// A parameter left out (null) is not checked.
    /// </summary>
    public void Checks(IReadOnlyList<ParamDef> parameters)
    {
        foreach (var parameter in parameters)
        {
            var checks = new List<string>();
            if (parameter.NonEmpty)
            {
                checks.Add($"{parameter.Name} = {Names.DssChecks}.NotEmpty({parameter.Name}, nameof({parameter.Name}));");
            }

            if (parameter.ItemsHave is { } member)
            {
                checks.Add($"{parameter.Name} = {Names.DssChecks}.ItemsHave({parameter.Name}, {CodeWriter.Literal(member)}, nameof({parameter.Name}));");
            }

            if (parameter.SumsToOne is { } field)
            {
                checks.Add($"{parameter.Name} = {Names.DssChecks}.SumsToOne({parameter.Name}, static jsonItem => {Names.DssJson}.AsDouble(jsonItem.GetRaw()[{CodeWriter.Literal(field)}]), nameof({parameter.Name}));");
            }

            if (checks.Count == 0)
            {
                continue;
            }

            var nullable = _types.ParameterIsNullable(parameter);
            if (nullable)
            {
                W.Open($"if ({parameter.Name} is not null)");
            }

            checks.ForEach(W.Line);
            if (nullable)
            {
                W.Close();
                W.Line();
            }
        }
    }

    public Dictionary<string, Binding> Bindings(IEnumerable<(string Name, string Expression)> identity, IEnumerable<ParamDef> parameters)
    {
        var bindings = new Dictionary<string, Binding>(System.StringComparer.Ordinal);
        foreach (var (name, expression) in identity)
        {
            bindings[name] = new Binding(expression, TypeName.String, false);
        }

        foreach (var parameter in parameters)
        {
            var value = _types.ParameterValue(parameter);
            bindings[parameter.Name] = new Binding(value, parameter.Type, value == parameter.Name && _types.ParameterIsNullable(parameter));
        }

        return bindings;
    }

    /// <summary>Writes the request of a route into the local <c>dssRequest</c>.</summary>
    public void Request(RouteDef route, Dictionary<string, Binding> bindings, bool withBody)
    {
        W.Line($"var dssRequest = {NewRequest(route.Method, route.Path, bindings)};");
        var templates = new TemplateEmitter(W, _types, bindings);
        if (route.QueryJson is { } query)
        {
            templates.AddQueries(query, "dssRequest");
        }

        if (withBody && route.BodyJson is { } body)
        {
            var value = templates.Value(body, "body");
            W.Line($"dssRequest.WithJsonBody({value});");
        }

        if (route.FileParam is { } file && route.FileNameParam is { } fileName)
        {
            W.Line($"dssRequest.WithFile({file}, {fileName});");
        }
    }

    /// <summary>Returns a new object of the union case that the discriminator of <paramref name="json"/>
    /// names, or of the union itself for an unknown case, each built from <paramref name="arguments"/>.</summary>
    public void ReturnUnionCase(string json, string discriminator, IEnumerable<CaseRef> cases, string union, string arguments)
    {
        W.Line($"return {Names.DssJson}.AsString({json}[{CodeWriter.Literal(discriminator)}]) switch");
        W.Line("{");
        foreach (var unionCase in cases)
        {
            W.Line($"    {CodeWriter.Literal(unionCase.Wire)} => new {_types.Qualified(unionCase.Name)}({arguments}),");
        }

        W.Line($"    _ => new {_types.Qualified(union)}({arguments}),");
        W.Line("};");
    }

    /// <summary>An expression creating a request without query or body.</summary>
    public string NewRequest(string method, string path, Dictionary<string, Binding> bindings)
    {
        var pathValues = Template.NamesIn(path).Select(name => ", " + PathValue(bindings[name]));
        var httpMethod = method switch
        {
            "GET" => "Get",
            "POST" => "Post",
            "PUT" => "Put",
            "DELETE" => "Delete",
            _ => "Patch",
        };
        return $"new {Names.DssRequest}({Names.HttpMethod}.{httpMethod}, {CodeWriter.Literal(path)}{string.Concat(pathValues)})";
    }

    /// <summary>A path segment's text: DSS ids are strings, timestamps are integers.</summary>
    private string PathValue(Binding binding) => binding.Type switch
    {
        TypeName.String => binding.Expression,
        TypeName.Integer or TypeName.Number => $"{binding.Expression}.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        _ when _types.IsEnum(binding.Type) => $"{binding.Expression}.Value",
        _ => $"{binding.Expression}.ToString()",
    };

    /// <summary>"projectKey" → "project key", for default parameter docs.</summary>
    public static string Words(string name)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
