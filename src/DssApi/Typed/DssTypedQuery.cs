using System.Buffers;
using System.ComponentModel;
using System.Text.Json;

namespace DssApi.Typed;

/// <summary>Writes one typed value as JSON.</summary>
public delegate void DssJsonWrite<in T>(Utf8JsonWriter writer, T value);

/// <summary>Reads one typed value from the JSON token the reader is on.</summary>
public delegate T DssJsonRead<out T>(ref Utf8JsonReader reader);

/// <summary>
/// Sends the queries of the clients generated from OpenAPI documents: the request is written straight
/// to UTF-8 with <see cref="Utf8JsonWriter"/>, in the shape the API node accepts (the record under its
/// key, then <c>explanations</c>, <c>dispatch</c> and <c>context</c>), and the answer is read from its
/// bytes, with no JSON tree in between. Goes through the node client's pipeline, so options, retries,
/// timeouts and telemetry are those of <see cref="DssApiNodeClient"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssTypedQuery
{
    /// <summary>Queries one record: <c>{"key": record, …}</c>, answered under <paramref name="resultKey"/>
    /// (the first item, when the API node answers a list there, as lookups do).</summary>
    public static async Task<DssEndpointAnswer<TResult>> OneAsync<TRecord, TResult>(
        DssApiNodeClient node, string endpointId, string verb, string recordKey, TRecord record, DssJsonWrite<TRecord> write,
        string resultKey, DssJsonRead<TResult> read, DssQueryOptions? options, CancellationToken cancellationToken)
    {
        var body = Write(writer =>
        {
            writer.WritePropertyName(recordKey);
            write(writer, record);
            WriteOptions(writer, options, withContext: true);
        });
        var answer = await SendAsync(node, endpointId, verb, body, cancellationToken).ConfigureAwait(false);
        return ReadAnswer(answer, resultKey, endpointId, (ref Utf8JsonReader reader) =>
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return read(ref reader);
            }

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new DssProtocolException($"Endpoint {endpointId} answered an empty '{resultKey}' list");
            }

            var first = read(ref reader);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }

            return first;
        });
    }

    /// <summary>Queries several records: <c>{"items": [{"key": record} …], …}</c>, or the records themselves
    /// as items when <paramref name="recordKey"/> is null (forecasts); answered as a list under <paramref name="resultsKey"/>.</summary>
    public static async Task<DssEndpointAnswer<IReadOnlyList<TResult>>> ManyAsync<TRecord, TResult>(
        DssApiNodeClient node, string endpointId, string verb, string? recordKey, IEnumerable<TRecord> records, DssJsonWrite<TRecord> write,
        string resultsKey, DssJsonRead<TResult> read, DssQueryOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var body = Write(writer =>
        {
            writer.WriteStartArray("items");
            foreach (var record in records)
            {
                if (recordKey is null)
                {
                    write(writer, record);
                    continue;
                }

                writer.WriteStartObject();
                writer.WritePropertyName(recordKey);
                write(writer, record);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteOptions(writer, options, withContext: false);
        });
        var answer = await SendAsync(node, endpointId, verb, body, cancellationToken).ConfigureAwait(false);
        return ReadAnswer(answer, resultsKey, endpointId, (ref Utf8JsonReader reader) => DssTypedJson.List(ref reader, read));
    }

    /// <summary>Queries with the parameters as the whole body (SQL queries, functions); answered under <paramref name="resultKey"/>.</summary>
    public static async Task<DssEndpointAnswer<TResult>> ParametersAsync<TParameters, TResult>(
        DssApiNodeClient node, string endpointId, string verb, TParameters parameters, DssJsonWrite<TParameters> write,
        string resultKey, DssJsonRead<TResult> read, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, parameters);
        }

        var answer = await SendAsync(node, endpointId, verb, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return ReadAnswer(answer, resultKey, endpointId, read);
    }

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteOptions(Utf8JsonWriter writer, DssQueryOptions? options, bool withContext)
    {
        if (options is null)
        {
            return;
        }

        if (options.WithExplanations is not null || options.ExplanationMethod is not null || options.ExplanationCount is not null || options.ExplanationMonteCarloSteps is not null)
        {
            writer.WriteStartObject("explanations");
            WriteIfSet(writer, "enabled", options.WithExplanations);
            if (options.ExplanationMethod is { } method)
            {
                writer.WriteString("method", method);
            }

            WriteIfSet(writer, "nExplanations", options.ExplanationCount);
            WriteIfSet(writer, "nMonteCarloSteps", options.ExplanationMonteCarloSteps);
            writer.WriteEndObject();
        }

        if (options.ForcedGeneration is not null || options.DispatchKey is not null)
        {
            writer.WriteStartObject("dispatch");
            if (options.ForcedGeneration is { } generation)
            {
                writer.WriteString("forcedGeneration", generation);
            }

            if (options.DispatchKey is { } key)
            {
                writer.WriteString("dispatchKey", key);
            }

            writer.WriteEndObject();
        }

        if (withContext && options.Context is { } context)
        {
            writer.WritePropertyName("context");
            context.WriteTo(writer);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } set)
        {
            writer.WriteBoolean(name, set);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } set)
        {
            writer.WriteNumber(name, set);
        }
    }

    private static async Task<ReadOnlyMemory<byte>> SendAsync(DssApiNodeClient node, string endpointId, string verb, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var request = new DssRequest(HttpMethod.Post, "/{endpointId}/" + verb, endpointId).WithJsonBody(body);
        return await node.Pipeline.SendForUtf8Async(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the answer's envelope: the result under its key, <c>apiContext</c> and <c>timing</c>; other
    /// members are skipped here and stay in the bytes the answer keeps for <see cref="DssEndpointAnswer{T}.GetRaw"/>.</summary>
    private static DssEndpointAnswer<T> ReadAnswer<T>(ReadOnlyMemory<byte> utf8, string resultKey, string endpointId, DssJsonRead<T> read)
    {
        var reader = new Utf8JsonReader(utf8.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new DssProtocolException($"Endpoint {endpointId} answered something that is not a JSON object");
            }

            var hasValue = false;
            T value = default!;
            DssAnswerContext? context = null;
            IReadOnlyDictionary<string, double> timing = new Dictionary<string, double>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == resultKey)
                {
                    value = read(ref reader);
                    hasValue = true;
                }
                else if (name == "apiContext" && reader.TokenType == JsonTokenType.StartObject)
                {
                    context = ReadContext(ref reader);
                }
                else if (name == "timing")
                {
                    timing = DssTypedJson.NumberMap(ref reader) ?? timing;
                }
                else
                {
                    reader.Skip();
                }
            }

            return hasValue
                ? new DssEndpointAnswer<T> { Value = value, ApiContext = context, Timing = timing, Utf8 = utf8 }
                : throw new DssProtocolException($"Endpoint {endpointId} answered no '{resultKey}'");
        }
        catch (DssTypedValueException wrongKind)
        {
            throw new DssProtocolException($"The JSON at {DssJsonPath.At(utf8.Span, wrongKind.Offset)} of the answer of endpoint {endpointId} holds " +
                $"{wrongKind.Found} where the service's OpenAPI document says {wrongKind.Expected}; regenerate the client from the deployed " +
                "document, or read the answer with the untyped calls of its Node.", wrongKind);
        }
        catch (JsonException exception)
        {
            throw new DssProtocolException($"Endpoint {endpointId} answered a body that is not valid JSON: {exception.Message}", exception);
        }
    }

    private static DssAnswerContext ReadContext(ref Utf8JsonReader reader)
    {
        string? service = null, endpoint = null, generation = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "serviceId": service = DssTypedJson.String(ref reader); break;
                case "endpointId": endpoint = DssTypedJson.String(ref reader); break;
                case "serviceGeneration": generation = DssTypedJson.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new DssAnswerContext(service, endpoint, generation);
    }
}
