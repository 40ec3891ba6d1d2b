using System;
using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.OpenApi;

/// <summary>Schemas: references, records and the C# type of each value.</summary>
internal sealed partial class OpenApiReader
{
    /// <summary>Wire names whose C# name reads better spelled out, as the untyped results spell them.</summary>
    private static readonly Dictionary<string, string> SpelledOut = new(StringComparer.Ordinal)
    {
        ["probas"] = "Probabilities",
        ["probaPercentile"] = "ProbabilityPercentile",
    };

    private RecordModel ReadRecord(string typeName, JsonObjectSyntax? schema, bool forResult, int depth)
    {
        var values = new List<ValueModel>();
        var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName, "Unlisted", "Write", "Read" };
        if (schema is not null && Resolve(schema.Find("properties")?.Value) is JsonObjectSyntax properties)
        {
            var required = new HashSet<string>(
                (schema.Find("required")?.Value as JsonArraySyntax)?.Items.OfType<JsonStringSyntax>().Select(item => item.Value) ?? [],
                StringComparer.Ordinal);
            foreach (var property in properties.Properties)
            {
                var name = OpenApiNames.Unique(memberNames, SpelledOut.TryGetValue(property.Key, out var spelled) ? spelled : OpenApiNames.Identifier(property.Key, "Value"));
                values.Add(ReadValue(typeName, property, name, required.Contains(property.Key) && !forResult, forResult, depth));
            }
        }

        return new RecordModel(typeName, values.ToEquatableArray(), Description(schema));
    }

    private ValueModel ReadValue(string ownerType, JsonPropertySyntax property, string name, bool required, bool forResult, int depth)
    {
        var resolved = Resolve(property.Value);
        var schema = resolved as JsonObjectSyntax;
        var description = Description(schema);
        ValueModel Value(ValueKind kind, string? typeName = null, EquatableArray<string>? enumValues = null, RecordModel? record = null, bool isRequired = false) =>
            new(property.Key, name, kind, typeName, enumValues ?? EquatableArray<string>.Empty, record, isRequired, description);

        if (schema is null)
        {
            // An unresolved reference was reported where it was written.
            if (resolved is not null)
            {
                Untyped(property.Value.Range, property.Key, $"its schema is a {resolved.KindName}, not an object");
            }

            return Value(ValueKind.Json);
        }

        var types = TypeNames(schema);
        var nullable = types.Contains("null") || schema.Find("nullable")?.Value is JsonBooleanSyntax { Value: true };
        types.Remove("null");
        if (types.Count == 0 && FirstNonNullAlternative(schema) is { } alternative)
        {
            schema = alternative;
            types = TypeNames(schema);
            types.Remove("null");
        }

        var isRequired = required && !nullable;
        if (types.Count != 1)
        {
            if (types.Count > 1 || schema.Find("oneOf") is not null || schema.Find("anyOf") is not null || schema.Find("allOf") is not null)
            {
                Untyped(property.Value.Range, property.Key, "it is not of one JSON type the generator can map");
            }

            return Value(ValueKind.Json);
        }

        switch (types.First())
        {
            case "number":
                return Value(ValueKind.Number, isRequired: isRequired);
            case "integer":
                return Value(ValueKind.Integer, isRequired: isRequired);
            case "boolean":
                return Value(ValueKind.Boolean, isRequired: isRequired);
            case "string" when schema.Find("enum")?.Value is JsonArraySyntax values && values.Items.Count > 0 && values.Items.All(v => v is JsonStringSyntax or JsonNullSyntax):
                // Named after the endpoint, as users say it: ChurnContract for a feature, ChurnPredictionValue for a result.
                var enumType = UniqueTypeName(_endpointName + name + (forResult ? "Value" : string.Empty));
                return Value(ValueKind.Enum, enumType, values.Items.OfType<JsonStringSyntax>().Select(v => v.Value).Distinct().ToEquatableArray(), isRequired: isRequired);
            case "string" when schema.Find("format")?.Value is JsonStringSyntax { Value: "date-time" or "date" }:
                return Value(ValueKind.DateTime, isRequired: isRequired);
            case "string":
                return Value(ValueKind.String, isRequired: isRequired);
            case "object" when IsNumberMap(schema):
                return Value(ValueKind.NumberMap);
            case "object" when forResult && depth < MaxDepth && Resolve(schema.Find("properties")?.Value) is JsonObjectSyntax { Properties.Count: > 0 }:
                var recordType = UniqueTypeName(ownerType + name);
                return Value(ValueKind.Record, recordType, record: ReadRecord(recordType, schema, forResult, depth + 1));
            default:
                return Value(ValueKind.Json);
        }
    }

    private bool IsNumberMap(JsonObjectSyntax schema) =>
        (Resolve(schema.Find("properties")?.Value) as JsonObjectSyntax)?.Properties.Count is null or 0
        && Resolve(schema.Find("additionalProperties")?.Value) is JsonObjectSyntax values
        && TypeNames(values) is { Count: 1 } types && (types.Contains("number") || types.Contains("integer"));

    /// <summary><c>anyOf</c>/<c>oneOf</c> of one schema and null (how 3.1 and some 3.0 documents spell a nullable value).</summary>
    private JsonObjectSyntax? FirstNonNullAlternative(JsonObjectSyntax schema)
    {
        var alternatives = (schema.Find("anyOf") ?? schema.Find("oneOf"))?.Value as JsonArraySyntax;
        var nonNull = alternatives?.Items.Select(Resolve).OfType<JsonObjectSyntax>().Where(item => !TypeNames(item).SetEquals(["null"])).ToList();
        return nonNull is { Count: 1 } && alternatives!.Items.Count == 2 ? nonNull[0] : null;
    }

    /// <summary>The JSON types a schema allows: <c>type</c> as a string (3.0) or a list (3.1).</summary>
    private static HashSet<string> TypeNames(JsonObjectSyntax schema)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        switch (schema.Find("type")?.Value)
        {
            case JsonStringSyntax single:
                types.Add(single.Value);
                break;
            case JsonArraySyntax several:
                types.UnionWith(several.Items.OfType<JsonStringSyntax>().Select(item => item.Value));
                break;
        }

        if (types.Count == 0 && schema.Find("properties") is not null)
        {
            types.Add("object");
        }

        return types;
    }

    /// <summary>Follows local <c>$ref</c>s (<c>#/components/schemas/X</c> and any other JSON pointer into the document); null when one cannot be followed.</summary>
    private JsonSyntax? Resolve(JsonSyntax? node)
    {
        for (var hops = 0; hops < MaxDepth; hops++)
        {
            if (node is not JsonObjectSyntax obj || obj.Find("$ref") is not { } reference)
            {
                return node;
            }

            if (reference.Value is not JsonStringSyntax { Value: var pointer } || !pointer.StartsWith(LocalReference, StringComparison.Ordinal))
            {
                Untyped(reference.Value.Range, "$ref", "only references inside the document (#/…) are followed");
                return null;
            }

            node = Pointer(pointer.Substring(LocalReference.Length));
            if (node is null)
            {
                Untyped(reference.Value.Range, "$ref", $"'{pointer}' names nothing in the document");
                return null;
            }
        }

        Untyped(node!.Range, "$ref", "the references loop");
        return null;
    }

    private JsonSyntax? Pointer(string path)
    {
        JsonSyntax? node = _root;
        foreach (var raw in path.Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObjectSyntax obj => obj.Find(segment)?.Value,
                JsonArraySyntax array when int.TryParse(segment, out var index) && index >= 0 && index < array.Items.Count => array.Items[index],
                _ => null,
            };
        }

        return node;
    }

    private static JsonSyntax? Member(JsonSyntax? node, string key) => (node as JsonObjectSyntax)?.Find(key)?.Value;

    private JsonSyntax? Properties(JsonSyntax? schema) => Resolve(Member(Resolve(schema), "properties"));

    private static string? Description(JsonObjectSyntax? schema) =>
        schema?.Find("description")?.Value is JsonStringSyntax { Value.Length: > 0 } text ? text.Value : null;

    private string UniqueTypeName(string name) => OpenApiNames.Unique(_typeNames, name);

    private void Untyped(TextRange range, string what, string why) =>
        Report(DiagnosticDescriptors.UntypedOpenApiConstruct, range, $"'{what}' is read as raw JSON: {why}");

    private void Report(DiagnosticDescriptor descriptor, TextRange range, string message) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, new SourceLocation(_source.Path, range), message));
}
