using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Models;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// The emulator's own OpenAPI 3 document of a deployed service: one operation per endpoint and verb the API
/// node answers, whose request bodies have the shape the API node accepts (<c>features</c>, <c>items</c>,
/// <c>data</c> …) and whose schemas come from what the package knows (the demo models' features, classes and
/// targets, the lookups' keys and columns, the SQL queries' parameters).
/// </summary>
internal static class OpenApiDocument
{
    private const string Version = "3.0.3";
    private const string SchemaRoot = "#/components/schemas/";

    public static JsonObject Describe(string serviceId, PackageContent content)
    {
        var paths = new JsonObject();
        var schemas = SharedSchemas();
        foreach (var endpoint in content.Endpoints)
        {
            var endpointId = endpoint.Text("id");
            var type = endpoint.Text("type");
            var model = endpoint["modelRef"] is JsonValue modelRef ? content.FindModel(modelRef.GetValue<string>()) : null;
            foreach (var verb in ApiNodeExecutor.VerbsOf(type))
            {
                var (request, response) = Shapes(content, endpoint, type, model, verb);
                var name = SchemaName(endpointId, verb);
                schemas[name + "Request"] = request;
                schemas[name + "Response"] = response;
                paths[$"/{endpointId}/{verb}"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["operationId"] = $"{endpointId}_{verb}",
                        ["summary"] = $"{verb} on the {type} endpoint {endpointId}",
                        ["x-dss-endpoint-type"] = type,
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = JsonContent(Ref(name + "Request")),
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = new JsonObject { ["description"] = "The answer of the endpoint.", ["content"] = JsonContent(Ref(name + "Response")) },
                        },
                    },
                };
            }
        }

        return new JsonObject
        {
            ["openapi"] = Version,
            ["info"] = new JsonObject
            {
                ["title"] = serviceId,
                ["version"] = content.PackageId,
                ["description"] = "Described by the DSS emulator from the deployed package.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/public/api/v1/" + serviceId }),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static (JsonObject Request, JsonObject Response) Shapes(PackageContent content, JsonObject endpoint, string type, PackagedModel? model, string verb)
    {
        var endpointId = endpoint.Text("id");
        switch (verb)
        {
            case "predict" or "predict-effect":
            {
                var features = Features(endpoint, model);
                return (PredictRequest(features), Answer(("result", Prediction(endpointId, type, model))));
            }

            case "predict-multi" or "predict-effect-multi":
            {
                var item = ObjectOf(("features", Features(endpoint, model)), ("context", FreeObject()));
                item["required"] = new JsonArray("features");
                var request = PredictRequest(null);
                request["properties"]!["items"] = ArrayOf(item);
                request["required"] = new JsonArray("items");
                return (request, Answer(("results", ArrayOf(Prediction(endpointId, type, model)))));
            }

            case "forecast":
                return (Required(ObjectOf(("items", ArrayOf(ForecastRecord(model))), ("dispatch", Ref("Dispatch"))), "items"),
                    Answer(("results", ArrayOf(ForecastPoint(model)))));
            case "lookup":
            {
                var (keys, found) = LookupColumns(content, endpoint);
                return (Required(ObjectOf(("data", keys), ("context", FreeObject())), "data"), Answer(("results", ArrayOf(LookupOutcome(found)))));
            }

            case "lookup-multi":
            {
                var (keys, found) = LookupColumns(content, endpoint);
                var item = Required(ObjectOf(("data", keys), ("context", FreeObject())), "data");
                return (Required(ObjectOf(("items", ArrayOf(item))), "items"), Answer(("results", ArrayOf(LookupOutcome(found)))));
            }

            case "query":
                return (SqlParameters(endpoint), Answer(("results", ArrayOf(Ref("SqlQueryResult")))));
            default:
                return (FreeObject(), Answer(("response", new JsonObject()), ("responseIsEmpty", Scalar("boolean"))));
        }
    }

    /// <summary>The features of a model-backed endpoint: numeric terms are numbers, <c>feature=value</c> terms name a category.</summary>
    private static JsonObject Features(JsonObject endpoint, PackagedModel? model)
    {
        var properties = new JsonObject();
        var parameters = model?.Parameters;
        foreach (var feature in (parameters?["features"] as JsonArray ?? []).Select(name => name!.GetValue<string>()))
        {
            properties[feature] = Scalar("number");
        }

        var categories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (term, _) in parameters?["weights"] as JsonObject ?? [])
        {
            var separator = term.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                properties[term] = Scalar("number");
            }
            else
            {
                var feature = term[..separator];
                if (!categories.TryGetValue(feature, out var values))
                {
                    categories[feature] = values = [];
                }

                values.Add(term[(separator + 1)..]);
            }
        }

        foreach (var (feature, values) in categories)
        {
            properties[feature] = Categories(values);
        }

        // Enrichment fills these columns from bundled datasets, so a query may omit them; they are still features.
        foreach (var mapping in (endpoint["enrichMapping"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var key in (mapping["on"] as JsonArray ?? []).OfType<JsonObject>())
            {
                properties[key.Text("inputLookupKey")] ??= Scalar("string");
            }
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = true };
    }

    private static JsonObject Prediction(string endpointId, string type, PackagedModel? model)
    {
        var parameters = model?.Parameters;
        var prediction = model?.PredictionType switch
        {
            PredictionTypes.BinaryClassification => ObjectOf(
                ("prediction", Categories(Strings(parameters!["classes"]))),
                ("probas", ObjectOf(Strings(parameters!["classes"]).Select(name => (name, Scalar("number"))).ToArray())),
                ("probaPercentile", Scalar("integer"))),
            PredictionTypes.Regression => ObjectOf(("prediction", Scalar("number"))),
            PredictionTypes.CausalRegression => ObjectOf(("predictedEffect", Scalar("number"))),
            PredictionTypes.Clustering => ObjectOf(("cluster", Categories(((JsonObject)parameters!["centroids"]!).Select(pair => pair.Key).ToList()))),
            _ => ObjectOf(("prediction", new JsonObject())),
        };
        var properties = prediction["properties"]!.AsObject();
        properties["explanations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = Scalar("number") };
        properties["ignored"] = Scalar("boolean");
        properties["ignoreReason"] = Scalar("string");
        prediction["description"] = $"What the {type} endpoint {endpointId} predicts for one record.";
        return prediction;
    }

    private static JsonObject ForecastRecord(PackagedModel? model)
    {
        var parameters = model?.Parameters;
        if (parameters is null)
        {
            return FreeObject();
        }

        var record = ObjectOf(
            [(parameters.Text("timeColumn"), DateTime()), (parameters.Text("targetColumn"), Scalar("number")),
                .. Strings(parameters["identifierColumns"]).Select(column => (column, Scalar("string")))]);
        return Required(record, parameters.Text("timeColumn"), parameters.Text("targetColumn"));
    }

    private static JsonObject ForecastPoint(PackagedModel? model)
    {
        var identifiers = Strings(model?.Parameters["identifierColumns"]).Select(column => (column, Scalar("string"))).ToArray();
        return ObjectOf(
            ("forecast", Scalar("number")),
            ("quantiles", ArrayOf(Scalar("number"))),
            ("quantilesValues", ArrayOf(Scalar("number"))),
            ("time", DateTime()),
            ("timeseriesIdentifier", ObjectOf(identifiers)),
            ("ignored", Scalar("boolean")));
    }

    /// <summary>The keys a lookup reads and the record it answers: the keys plus the mapped columns of each bundled dataset.</summary>
    private static (JsonObject Keys, JsonObject Found) LookupColumns(PackageContent content, JsonObject endpoint)
    {
        var keys = new JsonObject();
        var found = new JsonObject();
        foreach (var lookup in (endpoint["lookups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var table = content.FindDataset(lookup.Text("datasetRef"));
            var onColumns = new HashSet<string>(StringComparer.Ordinal);
            foreach (var on in (lookup["on"] as JsonArray ?? []).OfType<JsonObject>())
            {
                onColumns.Add(on.Text("resourceLookupCol"));
                keys[on.Text("inputLookupKey")] = Scalar("string");
                found[on.Text("inputLookupKey")] = Scalar("string");
            }

            var mapping = lookup["columnsMapping"] is JsonObject { Count: > 0 } explicitMapping
                ? explicitMapping.Select(pair => (Column: pair.Key, Output: pair.Value!.GetValue<string>()))
                : (table?.Columns ?? []).Except(onColumns).Select(column => (Column: column, Output: column));
            foreach (var (column, output) in mapping)
            {
                found[output] = ColumnType(table, column);
            }
        }

        return (Required(new JsonObject { ["type"] = "object", ["properties"] = keys }, keys.Select(pair => pair.Key).ToArray()),
            new JsonObject { ["type"] = "object", ["properties"] = found, ["additionalProperties"] = true });
    }

    private static JsonObject LookupOutcome(JsonObject found) =>
        ObjectOf(("data", found), ("ignored", Scalar("boolean")), ("ignoreReason", Scalar("string")));

    /// <summary>A dataset column is a number when every value in it is one, else a string; a lookup that finds nothing leaves it null.</summary>
    private static JsonObject ColumnType(DatasetTable? table, string column)
    {
        var index = table?.Columns.ToList().IndexOf(column) ?? -1;
        var numeric = index >= 0 && table!.Rows.All(row => row[index]?.GetValueKind() == JsonValueKind.Number);
        var type = Scalar(numeric ? "number" : "string");
        type["nullable"] = true;
        return type;
    }

    private static JsonObject SqlParameters(JsonObject endpoint)
    {
        var names = (endpoint["queries"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(query => Strings(query["inputParameters"]))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return Required(ObjectOf(names.Select(name => (name, Scalar("string"))).ToArray()), names);
    }

    private static JsonObject PredictRequest(JsonObject? features)
    {
        var request = ObjectOf(("explanations", Ref("Explanations")), ("dispatch", Ref("Dispatch")), ("context", FreeObject()));
        if (features is not null)
        {
            request["properties"]!["features"] = features;
            request["required"] = new JsonArray("features");
        }

        return request;
    }

    /// <summary>An answer of the API node: the given members, plus timing and the API context every answer carries.</summary>
    private static JsonObject Answer(params (string Name, JsonObject Schema)[] members) =>
        ObjectOf([.. members, ("timing", new JsonObject { ["type"] = "object", ["additionalProperties"] = Scalar("number") }), ("apiContext", Ref("ApiContext"))]);

    private static JsonObject SharedSchemas() => new()
    {
        ["Dispatch"] = ObjectOf(("forcedGeneration", Scalar("string")), ("dispatchKey", Scalar("string"))),
        ["Explanations"] = ObjectOf(
            ("enabled", Scalar("boolean")),
            ("method", Categories(["ICE", "SHAPLEY"])),
            ("nExplanations", Scalar("integer")),
            ("nMonteCarloSteps", Scalar("integer"))),
        ["ApiContext"] = ObjectOf(("serviceId", Scalar("string")), ("endpointId", Scalar("string")), ("serviceGeneration", Scalar("string"))),
        ["SqlQueryResult"] = ObjectOf(
            ("columns", ArrayOf(ObjectOf(("name", Scalar("string")), ("type", Scalar("string"))))),
            ("rows", ArrayOf(ArrayOf(new JsonObject()))),
            ("updatedRows", Scalar("integer"))),
    };

    /// <summary>A schema name from the endpoint id and verb, e.g. <c>churn_predict-multi</c> → <c>churn_PredictMulti</c>.</summary>
    private static string SchemaName(string endpointId, string verb) =>
        endpointId + "_" + string.Concat(verb.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private static JsonObject ObjectOf(params (string Name, JsonObject Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(properties.Select(property => KeyValuePair.Create(property.Name, (JsonNode?)property.Schema))),
    };

    private static JsonObject Required(JsonObject schema, params string[] names)
    {
        if (names.Length > 0)
        {
            schema["required"] = new JsonArray(names.Select(name => (JsonNode)name).ToArray());
        }

        return schema;
    }

    private static JsonObject FreeObject() => new() { ["type"] = "object", ["additionalProperties"] = true };

    private static JsonObject ArrayOf(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonObject Scalar(string type) => new() { ["type"] = type };

    private static JsonObject DateTime() => new() { ["type"] = "string", ["format"] = "date-time" };

    private static JsonObject Categories(IReadOnlyList<string> values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(value => (JsonNode)value).ToArray()) };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = SchemaRoot + schema };

    private static JsonObject JsonContent(JsonObject schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static List<string> Strings(JsonNode? array) => array is JsonArray items ? items.Select(item => item!.GetValue<string>()).ToList() : [];
}
