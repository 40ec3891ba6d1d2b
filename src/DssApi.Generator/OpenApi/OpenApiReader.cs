using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.OpenApi;

/// <summary>
/// Reads an OpenAPI 3.0 or 3.1 JSON document of a deployed service into the client to generate: one
/// endpoint per <c>/{endpoint}/{verb}</c> path, the record each verb sends and the result it reads.
/// Local <c>$ref</c>s are resolved; what cannot be typed becomes raw JSON with DSSG102, never an error.
/// Problems are located in the file; reading never throws on any input.
/// </summary>
internal sealed partial class OpenApiReader
{
    private const int MaxDepth = 32;
    private const string LocalReference = "#/";

    /// <summary>Where an API node serves a service: its URL ends in this and the service id.</summary>
    private const string ServicePath = "/public/api/v1/";

    private static readonly Dictionary<string, VerbShape> Verbs = new(StringComparer.Ordinal)
    {
        ["predict"] = new("PredictAsync", OperationShape.One, "features", "result", "Features", "Prediction"),
        ["predict-multi"] = new("PredictManyAsync", OperationShape.Many, "features", "results", "Features", "Prediction"),
        ["predict-effect"] = new("PredictEffectAsync", OperationShape.One, "features", "result", "Features", "Effect"),
        ["predict-effect-multi"] = new("PredictEffectManyAsync", OperationShape.Many, "features", "results", "Features", "Effect"),
        ["forecast"] = new("ForecastAsync", OperationShape.Many, null, "results", "Record", "ForecastPoint"),
        ["lookup"] = new("LookupAsync", OperationShape.One, "data", "results", "Keys", "Lookup"),
        ["lookup-multi"] = new("LookupManyAsync", OperationShape.Many, "data", "results", "Keys", "Lookup"),
        ["query"] = new("QueryAsync", OperationShape.Parameters, null, "results", "Parameters", null),
        ["run"] = new("RunAsync", OperationShape.Parameters, null, "response", "Parameters", null),
    };

    private readonly OpenApiSource _source;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordModel> _records = new(StringComparer.Ordinal);
    private JsonObjectSyntax? _root;
    private string _endpointName = string.Empty;

    private OpenApiReader(OpenApiSource source) => _source = source;

    private sealed record VerbShape(string Method, OperationShape Shape, string? RecordKey, string ResultKey, string InputSuffix, string? ResultSuffix);

    public static ServiceClientModel Read(OpenApiSource source, CancellationToken cancellationToken)
    {
        var reader = new OpenApiReader(source);
        var fileName = source.Path.Substring(source.Path.LastIndexOfAny(['/', '\\']) + 1);
        var endpoints = reader.ReadDocument(out var title, cancellationToken);
        return new ServiceClientModel(source.ClientName, title, fileName, reader.ServiceIds(), endpoints.ToEquatableArray(), reader._diagnostics.ToEquatableArray());
    }

    private List<EndpointModel> ReadDocument(out string title, CancellationToken cancellationToken)
    {
        title = _source.ClientName;
        var endpoints = new List<EndpointModel>();
        if (!SchemaReader.IsValidIdentifier(_source.ClientName))
        {
            Report(DiagnosticDescriptors.InvalidServiceClientName, default, _source.ClientName);
            return endpoints;
        }

        var parsed = JsonParser.Parse(_source.Text);
        if (parsed.Root is not JsonObjectSyntax root)
        {
            Report(DiagnosticDescriptors.UnreadableOpenApi, parsed.Root?.Range ?? parsed.ErrorRange,
                parsed.Error is { } error ? "it is not valid JSON: " + error : "its root is not a JSON object");
            return endpoints;
        }

        _root = root;
        if (root.Find("openapi") is not { Value: JsonStringSyntax version } || !version.Value.StartsWith("3.", StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.UnreadableOpenApi, root.Find("openapi")?.Value.Range ?? root.Range,
                "it has no \"openapi\" version 3.x (OpenAPI 3.0 and 3.1 documents are read)");
            return endpoints;
        }

        if (root.Find("info") is { Value: JsonObjectSyntax info } && info.Find("title") is { Value: JsonStringSyntax titleText })
        {
            title = titleText.Value;
        }

        if (root.Find("paths") is not { Value: JsonObjectSyntax paths })
        {
            Report(DiagnosticDescriptors.UnreadableOpenApi, root.Range, "it has no \"paths\" object");
            return endpoints;
        }

        _typeNames.Add(_source.ClientName + "Client");
        var operationsByEndpoint = new Dictionary<string, List<OperationModel>>(StringComparer.Ordinal);
        var endpointNames = new Dictionary<string, (string Property, string Type)>(StringComparer.Ordinal);
        foreach (var path in paths.Properties)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segments = path.Key.Split(['/'], StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length < 2 || !Verbs.TryGetValue(segments[segments.Length - 1], out var shape))
            {
                Report(DiagnosticDescriptors.UntypedOpenApiConstruct, path.KeyRange,
                    $"the path '{path.Key}' is not /{{endpoint}}/{{verb}} with a verb the API node answers (predict, forecast, lookup, query, run …), so no method is generated for it");
                continue;
            }

            var endpointId = segments[segments.Length - 2];
            if (Resolve(path.Value) is not JsonObjectSyntax item || Resolve(item.Find("post")?.Value) is not JsonObjectSyntax post)
            {
                Report(DiagnosticDescriptors.UntypedOpenApiConstruct, path.Value.Range, $"the path '{path.Key}' has no POST operation, so no method is generated for it");
                continue;
            }

            if (!endpointNames.TryGetValue(endpointId, out var names))
            {
                var property = UniqueTypeName(OpenApiNames.Identifier(endpointId, "Endpoint"));
                names = (property, UniqueTypeName(property + "Endpoint"));
                endpointNames[endpointId] = names;
                operationsByEndpoint[endpointId] = [];
            }

            if (operationsByEndpoint[endpointId].Any(operation => operation.Verb == segments[segments.Length - 1]))
            {
                continue;
            }

            operationsByEndpoint[endpointId].Add(ReadOperation(segments[segments.Length - 1], shape, names.Property, post));
        }

        foreach (var pair in operationsByEndpoint)
        {
            var names = endpointNames[pair.Key];
            endpoints.Add(new EndpointModel(pair.Key, names.Property, names.Type, pair.Value.ToEquatableArray()));
        }

        return endpoints;
    }

    /// <summary>
    /// The service ids the document names: the last segment of each server URL under <c>/public/api/v1/</c>,
    /// as DSS and the emulator describe a deployed service; else its title, which the emulator makes the service id.
    /// </summary>
    private EquatableArray<string> ServiceIds()
    {
        var ids = new List<string>();
        if (_root is null)
        {
            return ids.ToEquatableArray();
        }

        foreach (var server in (Member(_root, "servers") as JsonArraySyntax)?.Items ?? [])
        {
            if (Member(server, "url") is JsonStringSyntax { Value: var url } && url.LastIndexOf(ServicePath, StringComparison.Ordinal) is var at and >= 0)
            {
                var id = Uri.UnescapeDataString(url.Substring(at + ServicePath.Length).TrimEnd('/'));
                if (id.Length > 0 && id.IndexOf('/') < 0 && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        if (ids.Count == 0 && Member(Member(_root, "info"), "title") is JsonStringSyntax { Value.Length: > 0 } title)
        {
            ids.Add(title.Value);
        }

        return ids.ToEquatableArray();
    }

    private OperationModel ReadOperation(string verb, VerbShape shape, string endpointName, JsonObjectSyntax post)
    {
        _endpointName = endpointName;
        var request = Resolve(Member(Member(Member(Resolve(post.Find("requestBody")?.Value), "content"), "application/json"), "schema"));
        var recordSchema = shape.Shape switch
        {
            OperationShape.One => Member(Properties(request), shape.RecordKey!),
            OperationShape.Many when shape.RecordKey is null => Member(Member(Properties(request), "items"), "items"),
            OperationShape.Many => Member(Properties(Resolve(Member(Member(Properties(request), "items"), "items"))), shape.RecordKey!),
            _ => request,
        };
        var input = RecordFor(endpointName + shape.InputSuffix, recordSchema, forResult: false, post.Range);

        RecordModel? result = null;
        if (shape.ResultSuffix is not null)
        {
            var responses = Member(Resolve(post.Find("responses")?.Value), "200") ?? Member(Resolve(post.Find("responses")?.Value), "default");
            var answer = Resolve(Member(Member(Member(Resolve(responses), "content"), "application/json"), "schema"));
            var resultSchema = Resolve(Member(Properties(answer), shape.ResultKey));
            if (resultSchema is JsonObjectSyntax listed && TypeNames(listed).Contains("array"))
            {
                resultSchema = Member(listed, "items");
            }

            result = RecordFor(endpointName + shape.ResultSuffix, resultSchema, forResult: true, post.Range);
        }

        return new OperationModel(verb, shape.Method, shape.Shape, shape.RecordKey, shape.ResultKey, input, result);
    }

    /// <summary>The record of one name for this endpoint: read once, shared by the verbs that send or answer it.</summary>
    private RecordModel RecordFor(string typeName, JsonSyntax? schema, bool forResult, TextRange where)
    {
        if (_records.TryGetValue(typeName, out var known))
        {
            return known;
        }

        var resolved = Resolve(schema);
        if (resolved is null)
        {
            Report(DiagnosticDescriptors.UntypedOpenApiConstruct, where, $"the document does not describe the {typeName} object, so it has no typed members");
        }

        var record = ReadRecord(UniqueTypeName(typeName), resolved as JsonObjectSyntax, forResult, depth: 0);
        _records[typeName] = record;
        return record;
    }
}
