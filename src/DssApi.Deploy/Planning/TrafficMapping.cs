using System.Text.Json.Nodes;

namespace DssApi.Deploy.Planning;

/// <summary>A deployment's generations mapping (dss-protocol §5.6) seen as versions and their shares of the traffic.</summary>
internal static class TrafficMapping
{
    private const double Tolerance = 1e-9;

    /// <summary>The mapping that serves <paramref name="traffic"/>: a single version, or a split by <paramref name="strategy"/>.</summary>
    public static JsonObject ToJson(IReadOnlyList<TrafficShare> traffic, string strategy) => traffic is [var single]
        ? new JsonObject { ["mode"] = "SINGLE_GENERATION", ["generation"] = single.Version }
        : new JsonObject
        {
            ["mode"] = "MULTI_GENERATION",
            ["strategy"] = strategy,
            ["entries"] = new JsonArray([.. traffic.Select(share => (JsonNode)new JsonObject { ["generation"] = share.Version, ["proba"] = share.Share })]),
        };

    /// <summary>The versions a mapping serves and their shares; null when it is not a mapping DSS defines.</summary>
    public static List<TrafficShare>? Read(JsonObject? mapping) => mapping?["mode"]?.GetValue<string>() switch
    {
        "SINGLE_GENERATION" when mapping["generation"]?.GetValue<string>() is { } version => [new TrafficShare(version, 1)],
        "MULTI_GENERATION" when mapping["entries"] is JsonArray entries => [.. entries.Select(entry =>
            new TrafficShare(entry?["generation"]?.GetValue<string>() ?? "", entry?["proba"]?.GetValue<double>() ?? 0))],
        _ => null,
    };

    /// <summary>Whether a mapping serves <paramref name="traffic"/> with the same shares (the strategy counts only for a split).</summary>
    public static bool Serves(JsonObject? mapping, IReadOnlyList<TrafficShare> traffic, string strategy)
    {
        var current = Read(mapping);
        return current is not null
            && (traffic.Count == 1 || mapping?["strategy"]?.GetValue<string>() == strategy)
            && current.Count == traffic.Count
            && current.Zip(traffic).All(pair => pair.First.Version == pair.Second.Version && Math.Abs(pair.First.Share - pair.Second.Share) < Tolerance);
    }

    /// <summary>The share of <paramref name="version"/> in a split (0 when it is not served).</summary>
    public static double ShareOf(IReadOnlyList<TrafficShare> traffic, string version) =>
        traffic.Where(share => share.Version == version).Sum(share => share.Share);

    /// <summary>
    /// The split that gives <paramref name="version"/> <paramref name="share"/> of the traffic and the other versions of
    /// <paramref name="previous"/> the rest, in their proportions.
    /// </summary>
    public static IReadOnlyList<TrafficShare> WithShare(IReadOnlyList<TrafficShare> previous, string version, double share)
    {
        var others = previous.Where(entry => entry.Version != version && entry.Share > Tolerance).ToList();
        var othersTotal = others.Sum(entry => entry.Share);
        if (share >= 1 - Tolerance || othersTotal <= Tolerance)
        {
            return [new TrafficShare(version, 1)];
        }

        return [.. others.Select(entry => entry with { Share = Math.Round(entry.Share / othersTotal * (1 - share), 6) }), new TrafficShare(version, share)];
    }
}
