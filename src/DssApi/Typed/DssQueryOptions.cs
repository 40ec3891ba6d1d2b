using System.Text.Json.Nodes;

namespace DssApi.Typed;

/// <summary>
/// The dispatch, explanation and context options of a query to a deployed endpoint, as the untyped
/// calls of <see cref="DssApiNodeClient"/> take them. Unset options are not sent, so the endpoint's own
/// settings apply.
/// </summary>
public sealed record DssQueryOptions
{
    /// <summary>The version that must answer.</summary>
    public string? ForcedGeneration { get; init; }

    /// <summary>The key that picks the version under a hash-based split.</summary>
    public string? DispatchKey { get; init; }

    /// <summary>Extra data passed to the endpoint and logged.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Whether to explain predictions; by default, as the endpoint says.</summary>
    public bool? WithExplanations { get; init; }

    /// <summary>How to explain: <c>ICE</c> or <c>SHAPLEY</c>.</summary>
    public string? ExplanationMethod { get; init; }

    /// <summary>How many features to name in each explanation.</summary>
    public int? ExplanationCount { get; init; }

    /// <summary>How many Monte Carlo steps Shapley values take.</summary>
    public int? ExplanationMonteCarloSteps { get; init; }
}
