using System.Linq;
using DssApi.Generator.Model;

namespace DssApi.Generator.Emit;

/// <summary>
/// Writes an open enum: a struct over the wire value, with one static member per known value.
/// DSS adds values over versions, so an unknown value is kept as it is, never rejected.
/// </summary>
internal static class EnumEmitter
{
    public static void Emit(EmitContext context, EnumDef definition)
    {
        var w = context.Writer;
        var name = definition.Name;
        context.Summary(definition.Description, $"A DSS value set; values this schema does not name are kept as they are.", definition.Since);
        SourceEmitter.GeneratedTypeAttributes(w);
        context.Since(definition.Since);
        w.Open($"{context.Accessibility} readonly partial struct {name} : global::System.IEquatable<{name}>");
        w.Line("private readonly string? _value;");
        w.Line();
        w.Doc("summary", $"Wraps a wire value of {name}, known to the schema or not.");
        w.Doc("param", "The value as DSS sends it.", " name=\"value\"");
        w.Line($"public {name}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        foreach (var value in definition.Values)
        {
            w.Line();
            context.Summary(value.Description, $"The value \"{value.Wire}\".", value.Since);
            context.Since(value.Since);
            context.Wire(value.Wire);
            w.Line($"public static {name} {value.Name} {{ get; }} = new {name}({CodeWriter.Literal(value.Wire)});");
        }

        w.Line();
        w.Doc("summary", "The value as DSS sends and expects it.");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line();
        w.Doc("summary", "True when the value is one this schema names.");
        var known = definition.Values.Count == 0 ? "false" : $"Value is {string.Join(" or ", definition.Values.Select(v => CodeWriter.Literal(v.Wire)))}";
        w.Line($"public bool IsKnown => {known};");
        w.Line();
        w.Doc("summary", "Reads a JSON string as a value; anything else reads as null.");
        w.Doc("param", "A JSON value.", " name=\"node\"");
        w.Doc("returns", $"The {name} the JSON string holds, known to the schema or not; null when the JSON is not a string.");
        w.Line($"public static {name}? FromJson({Names.JsonNode}? node) => {Names.DssJson}.AsString(node) is {{ }} value ? new {name}(value) : default({name}?);");
        w.Line();
        w.Doc("summary", "The value as a JSON string.");
        w.Doc("returns", definition.Values.Count == 0 ? "A new JSON string holding the wire value." : $"A new JSON string holding the wire value, such as \"{definition.Values[0].Wire}\".");
        w.Line($"public {Names.JsonNode} ToJson() => {Names.JsonValue}.Create(Value);");
        w.Line();
        w.Doc("summary", "Wraps a wire value.");
        w.Doc("param", "The value as DSS sends it.", " name=\"value\"");
        w.Line($"public static implicit operator {name}(string value) => new {name}(value);");
        w.Line();
        w.Doc("summary", "Compares wire values, case-sensitively as DSS does.");
        w.Doc("param", "The other value.", " name=\"left\"");
        w.Doc("param", "The other value.", " name=\"right\"");
        w.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
        w.Line();
        w.Doc("summary", "Compares wire values, case-sensitively as DSS does.");
        w.Doc("param", "The other value.", " name=\"left\"");
        w.Doc("param", "The other value.", " name=\"right\"");
        w.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public bool Equals({name} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override string ToString() => Value;");
        w.Close();
    }
}
