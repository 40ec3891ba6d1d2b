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
}

/// <summary>Which service, endpoint and version answered a query.</summary>
/// <param name="ServiceId">The service id.</param>
/// <param name="EndpointId">The endpoint id.</param>
/// <param name="ServiceGeneration">The version of the service that answered.</param>
public sealed record DssAnswerContext(string? ServiceId, string? EndpointId, string? ServiceGeneration);
