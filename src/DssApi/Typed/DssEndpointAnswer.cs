using System.Text.Json;

namespace DssApi.Typed;

/// <summary>What an endpoint answered to a typed query: the typed result, which version answered, and the time spent.</summary>
/// <typeparam name="T">The result: one record's, or a list of them.</typeparam>
public sealed record DssEndpointAnswer<T>
{
    /// <summary>The result, read as the service's OpenAPI document describes it.</summary>
    public required T Value { get; init; }

    /// <summary>Which service, endpoint and version answered; null when the API node did not say.</summary>
    public DssAnswerContext? ApiContext { get; init; }

    /// <summary>Time spent in each step, as the API node reports it.</summary>
    public IReadOnlyDictionary<string, double> Timing { get; init; } = new Dictionary<string, double>();

    /// <summary>The answer as received, kept so that what the document does not describe stays reachable.</summary>
    internal ReadOnlyMemory<byte> Utf8 { get; init; }

    /// <summary>
    /// The whole answer as the endpoint sent it, members the document does not describe included. It is
    /// parsed from the answer's bytes at each call, so a typed read pays nothing for it: keep the result.
    /// </summary>
    public JsonElement GetRaw()
    {
        using var document = JsonDocument.Parse(Utf8);
        return document.RootElement.Clone();
    }
}

/// <summary>Which service, endpoint and version answered a query.</summary>
/// <param name="ServiceId">The service id.</param>
/// <param name="EndpointId">The endpoint id.</param>
/// <param name="ServiceGeneration">The version of the service that answered.</param>
public sealed record DssAnswerContext(string? ServiceId, string? EndpointId, string? ServiceGeneration);
