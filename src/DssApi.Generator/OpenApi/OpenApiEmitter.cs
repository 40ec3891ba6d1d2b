using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DssApi.Generator.Emit;
using DssApi.Generator.Model;

namespace DssApi.Generator.OpenApi;

/// <summary>
/// Writes the typed client of one service: <c>NameClient</c> over a <see cref="DssApi"/> node client, one
/// property per endpoint with one method per verb, and the records it sends and reads, nested in the client
/// so two services never clash. Records write themselves with <c>Utf8JsonWriter</c> and read themselves from a
/// <c>Utf8JsonReader</c>; members the document does not describe stay reachable as raw JSON.
/// </summary>
internal static class OpenApiEmitter
{
    private const string Typed = "global::DssApi.Typed.";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string NodeClient = "global::DssApi.DssApiNodeClient";

    public static GeneratedSource Emit(ServiceClientModel service, GeneratorOptions options, CancellationToken cancellationToken)
    {
        var w = SourceEmitter.StartFile(options);
        var context = new EmitContext(w, options);
        var client = service.ClientName + "Client";
        w.Doc("summary", $"Typed client of the deployed service \"{service.Title}\", generated from {service.FileName}: one property per endpoint, one method per verb. Thread-safe.");
        SourceEmitter.GeneratedTypeAttributes(w);
        w.Open($"{context.Accessibility} sealed partial class {client} : global::System.IDisposable");
        w.Line($"private readonly bool _ownsNode;");
        w.Line();
        w.Doc("summary", "Creates the client over a node client, which the caller keeps and disposes.");
        w.Doc("param", "The node client of the service: its options, retries, timeouts and telemetry apply.", " name=\"node\"");
        w.Open($"public {client}({NodeClient} node)");
        w.Line("Node = node ?? throw new global::System.ArgumentNullException(nameof(node));");
        foreach (var endpoint in service.Endpoints)
        {
            w.Line($"{endpoint.PropertyName} = new {endpoint.TypeName}(node);");
        }

        w.Close();
        w.Line();
        w.Doc("summary", "Creates the client and the node client it owns.");
        w.Doc("param", "The API node URL, the service id, the credentials and the transport settings.", " name=\"options\"");
        w.Line($"public {client}(global::DssApi.DssApiNodeClientOptions options)");
        w.Line($"    : this(new {NodeClient}(options)) => _ownsNode = true;");
        w.Line();
        w.Doc("summary", "The node client the queries go through; its untyped calls reach what this client does not type.");
        w.Line($"public {NodeClient} Node {{ get; }}");
        foreach (var endpoint in service.Endpoints)
        {
            w.Line();
            w.Doc("summary", $"The endpoint \"{endpoint.Id}\".");
            w.Line($"public {endpoint.TypeName} {endpoint.PropertyName} {{ get; }}");
        }

        w.Line();
        w.Doc("summary", "Releases the node client, if this client created it.");
        w.Open("public void Dispose()");
        w.Open("if (_ownsNode)");
        w.Line("Node.Dispose();");
        w.Close();
        w.Close();

        var emitted = new HashSet<string>();
        foreach (var endpoint in service.Endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.Line();
            EmitEndpoint(w, endpoint);
            foreach (var operation in endpoint.Operations)
            {
                EmitRecord(context, operation.Input, forResult: false, emitted);
                if (operation.Result is { } result)
                {
                    EmitRecord(context, result, forResult: true, emitted);
                }
            }
        }

        w.Close();
        return new GeneratedSource(client + ".OpenApi.g.cs", w.ToString());
    }

    private static void EmitEndpoint(CodeWriter w, EndpointModel endpoint)
    {
        w.Doc("summary", $"The queries the endpoint \"{endpoint.Id}\" answers.");
        w.Open($"public sealed partial class {endpoint.TypeName}");
        w.Line($"private readonly {NodeClient} _node;");
        w.Line();
        w.Line($"internal {endpoint.TypeName}({NodeClient} node) => _node = node;");
        w.Line();
        w.Doc("summary", "The endpoint id.");
        w.Line($"public string Id => {CodeWriter.Literal(endpoint.Id)};");
        foreach (var operation in endpoint.Operations)
        {
            w.Line();
            EmitMethod(w, endpoint, operation);
        }

        w.Close();
    }

    private static void EmitMethod(CodeWriter w, EndpointModel endpoint, OperationModel operation)
    {
        var input = operation.Input.TypeName;
        var result = operation.Result?.TypeName ?? "global::System.Text.Json.Nodes.JsonNode?";
        var read = operation.Result is null ? Typed + "DssTypedJson.Node" : result + ".Read";
        var verb = CodeWriter.Literal(operation.Verb);
        var id = CodeWriter.Literal(endpoint.Id);
        var token = "global::System.Threading.CancellationToken cancellationToken = default";
        var options = $"{Typed}DssQueryOptions? options = null";
        var answered = $"\"{endpoint.Id}\" answered";
        var what = operation.Result is { } typed ? ReturnsText.Clause(ReturnsText.Of(typed.Description, typed.TypeName)) : "the JSON DSS sent";
        const string Context = "with the answer's context and timing";
        switch (operation.Shape)
        {
            case OperationShape.One:
                w.Doc("summary", $"Sends one record to {operation.Verb} and reads the typed answer.");
                w.Doc("param", "The record.", " name=\"record\"");
                w.Doc("param", "Dispatch, explanations and context; unset ones are not sent.", " name=\"options\"");
                w.Doc("param", "Cancels the query.", " name=\"cancellationToken\"");
                w.Doc("returns", $"What {answered} for the record: {what}, {Context}.");
                w.Line($"public global::System.Threading.Tasks.Task<{Typed}DssEndpointAnswer<{result}>> {operation.MethodName}({input} record, {options}, {token}) =>");
                w.Line($"    {Typed}DssTypedQuery.OneAsync<{input}, {result}>(_node, {id}, {verb}, {CodeWriter.Literal(operation.RecordKey!)},");
                w.Line($"        record ?? throw new global::System.ArgumentNullException(nameof(record)), {input}.Write, {CodeWriter.Literal(operation.ResultKey)}, {read}, options, cancellationToken);");
                break;
            case OperationShape.Many:
                var key = operation.RecordKey is null ? "null" : CodeWriter.Literal(operation.RecordKey);
                w.Doc("summary", $"Sends several records to {operation.Verb} and reads one typed result per answer item.");
                w.Doc("param", "The records.", " name=\"records\"");
                w.Doc("param", "Dispatch and explanations; unset ones are not sent.", " name=\"options\"");
                w.Doc("param", "Cancels the query.", " name=\"cancellationToken\"");
                w.Doc("returns", $"What {answered}, one item per record, each {what}, {Context}.");
                w.Line($"public global::System.Threading.Tasks.Task<{Typed}DssEndpointAnswer<global::System.Collections.Generic.IReadOnlyList<{result}>>> {operation.MethodName}(global::System.Collections.Generic.IEnumerable<{input}> records, {options}, {token}) =>");
                w.Line($"    {Typed}DssTypedQuery.ManyAsync<{input}, {result}>(_node, {id}, {verb}, {key}, records, {input}.Write, {CodeWriter.Literal(operation.ResultKey)}, {read}, options, cancellationToken);");
                break;
            default:
                w.Doc("summary", $"Sends the parameters to {operation.Verb} and reads the answer's \"{operation.ResultKey}\".");
                w.Doc("param", "The parameters.", " name=\"parameters\"");
                w.Doc("param", "Cancels the query.", " name=\"cancellationToken\"");
                w.Doc("returns", $"The \"{operation.ResultKey}\" that {answered}: {what}, {Context}.");
                w.Line($"public global::System.Threading.Tasks.Task<{Typed}DssEndpointAnswer<{result}>> {operation.MethodName}({input} parameters, {token}) =>");
                w.Line($"    {Typed}DssTypedQuery.ParametersAsync<{input}, {result}>(_node, {id}, {verb},");
                w.Line($"        parameters ?? throw new global::System.ArgumentNullException(nameof(parameters)), {input}.Write, {CodeWriter.Literal(operation.ResultKey)}, {read}, cancellationToken);");
                break;
        }
    }

    private static void EmitRecord(EmitContext context, RecordModel record, bool forResult, HashSet<string> emitted)
    {
        if (!emitted.Add(record.TypeName))
        {
            return;
        }

        var w = context.Writer;
        w.Line();
        w.Doc("summary", record.Description ?? (forResult ? "What the endpoint answers for one record, as its OpenAPI document describes it." : "What the endpoint takes, as its OpenAPI document describes it."));
        w.Open($"public sealed record {record.TypeName}");
        foreach (var value in record.Values)
        {
            w.Doc("summary", value.Description ?? $"\"{value.Wire}\".");
            w.Line($"[{Names.Annotations}DssWire({CodeWriter.Literal(value.Wire)})]");
            var type = TypeOf(value, forResult);
            w.Line(value.Required ? $"public required {type} {value.Name} {{ get; init; }}" : $"public {type}? {value.Name} {{ get; init; }}");
            w.Line();
        }

        w.Doc("summary", forResult ? "Members of the answer the document does not describe, as JSON; null when there are none." : "Members the document does not describe, written as they are after the others.");
        w.Line($"public {Names.JsonObject}? Unlisted {{ get; init; }}");
        w.Line();
        if (forResult)
        {
            EmitRead(w, record);
        }
        else
        {
            EmitWrite(w, record);
        }

        w.Close();
        foreach (var value in record.Values)
        {
            if (value.Kind == ValueKind.Enum)
            {
                w.Line();
                var values = value.EnumValues.Select(wire => new EnumValueDef(wire, OpenApiNames.EnumMember(wire), null, null, wire, new SourceLocation(string.Empty, default)));
                EnumEmitter.Emit(context, new EnumDef(value.TypeName!, $"The values the document lists for \"{value.Wire}\"; others are kept as they are.", null,
                    OpenApiNames.Distinct(values).ToEquatableArray(), new SourceLocation(string.Empty, default)));
            }
            else if (value.Record is { } nested)
            {
                EmitRecord(context, nested, forResult, emitted);
            }
        }
    }

    private static string TypeOf(ValueModel value, bool forResult) => value.Kind switch
    {
        ValueKind.Number => "double",
        ValueKind.Integer => "long",
        ValueKind.String => "string",
        ValueKind.Boolean => "bool",
        ValueKind.DateTime => "global::System.DateTimeOffset",
        ValueKind.Enum or ValueKind.Record => value.TypeName!,
        ValueKind.NumberMap when forResult => "global::System.Collections.Generic.IReadOnlyDictionary<string, double>",
        _ => Names.JsonNode,
    };

    private static void EmitWrite(CodeWriter w, RecordModel record)
    {
        w.Open($"internal static void Write({Writer} writer, {record.TypeName} record)");
        w.Line("writer.WriteStartObject();");
        foreach (var value in record.Values)
        {
            var wire = CodeWriter.Literal(value.Wire);
            var local = "record." + value.Name;
            if (!value.Required)
            {
                w.Open($"if (record.{value.Name} is {{ }} {Local(value)})");
                local = Local(value);
            }

            w.Line(value.Kind switch
            {
                ValueKind.Number or ValueKind.Integer => $"writer.WriteNumber({wire}, {local});",
                ValueKind.String or ValueKind.DateTime => $"writer.WriteString({wire}, {local});",
                ValueKind.Boolean => $"writer.WriteBoolean({wire}, {local});",
                ValueKind.Enum => $"writer.WriteString({wire}, {local}.Value);",
                _ => $"writer.WritePropertyName({wire}); {local}.WriteTo(writer);",
            });
            if (!value.Required)
            {
                w.Close();
            }
        }

        w.Open("if (record.Unlisted is { } unlisted)");
        w.Open("foreach (var member in unlisted)");
        w.Line("writer.WritePropertyName(member.Key);");
        w.Open("if (member.Value is null)");
        w.Line("writer.WriteNullValue();");
        w.Close();
        w.Open("else");
        w.Line("member.Value.WriteTo(writer);");
        w.Close();
        w.Close();
        w.Close();
        w.Line("writer.WriteEndObject();");
        w.Close();
    }

    private static void EmitRead(CodeWriter w, RecordModel record)
    {
        w.Open($"internal static {record.TypeName} Read(ref {Reader} reader)");
        w.Line($"{Typed}DssTypedJson.StartObject(ref reader);");
        foreach (var value in record.Values)
        {
            w.Line($"{TypeOf(value, forResult: true)}? {Local(value)} = null;");
        }

        w.Line($"{Names.JsonObject}? unlisted = null;");
        w.Open("while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)");
        w.Line("var member = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Open("switch (member)");
        foreach (var value in record.Values)
        {
            var wire = CodeWriter.Literal(value.Wire);
            var readValue = value.Kind switch
            {
                ValueKind.Number => $"{Typed}DssTypedJson.Number(ref reader)",
                ValueKind.Integer => $"{Typed}DssTypedJson.Integer(ref reader)",
                ValueKind.String => $"{Typed}DssTypedJson.String(ref reader)",
                ValueKind.Boolean => $"{Typed}DssTypedJson.Boolean(ref reader)",
                ValueKind.DateTime => $"{Typed}DssTypedJson.DateTime(ref reader)",
                ValueKind.Enum => $"{Typed}DssTypedJson.String(ref reader) is {{ }} text ? new {value.TypeName}(text) : default({value.TypeName}?)",
                ValueKind.NumberMap => $"{Typed}DssTypedJson.NumberMap(ref reader)",
                ValueKind.Record => $"reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : {value.TypeName}.Read(ref reader)",
                _ => $"{Typed}DssTypedJson.Node(ref reader)",
            };
            w.Line($"case {wire}: {Local(value)} = {readValue}; break;");
        }

        w.Line($"default: {Typed}DssTypedJson.KeepUnknown(ref reader, member, ref unlisted); break;");
        w.Close();
        w.Close();
        var members = record.Values.Select(value => $"{value.Name} = {Local(value)}, ").Aggregate(string.Empty, string.Concat);
        w.Line($"return new {record.TypeName} {{ {members}Unlisted = unlisted }};");
        w.Close();
    }

    /// <summary>The local holding a value: "TenureMonths" → "tenureMonthsValue", which no other local of the generated methods is named.</summary>
    private static string Local(ValueModel value) => char.ToLowerInvariant(value.Name[0]) + value.Name.Substring(1) + "Value";
}
