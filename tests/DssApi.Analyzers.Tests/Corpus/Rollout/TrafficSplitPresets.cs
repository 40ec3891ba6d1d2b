using DssApi;

namespace Acme.Scoring.Rollout;

/// <summary>The splits the release managers pick from in the rollout tool.</summary>
internal static class TrafficSplitPresets
{
    public static void Even(DeploymentSettings settings, string a, string b) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.HashBased,
        [
            new GenerationEntry { Version = a, Probability = 0.5 },
            new GenerationEntry { Version = b, Probability = 0.5 },
        ], auditRoutingKey: "customer_id");

    public static void Thirds(DeploymentSettings settings, string a, string b, string c) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = a, Probability = 1.0 / 3 },
            new GenerationEntry { Version = b, Probability = 1.0 / 3 },
            new GenerationEntry { Version = c, Probability = 1.0 / 3 },
        ]);

    public static void Canary(DeploymentSettings settings, string stable, string canary) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, [ // expect: DSS1010
            new GenerationEntry { Version = stable, Probability = 0.95 },
            new GenerationEntry { Version = canary, Probability = 0.1 },
        ]);

    public static void Shadow(DeploymentSettings settings, string stable, string shadow) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = stable, Probability = 1.0 },
            new GenerationEntry { Version = shadow, Probability = 0.0 },
        ]);

    public static void Drain(DeploymentSettings settings, string old, string current) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = old, Probability = -0.1 }, // expect: DSS1010
            new GenerationEntry { Version = current, Probability = 1.1 },
        ]);

    public static void Duplicate(DeploymentSettings settings) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = "v3", Probability = 0.5 },
            new GenerationEntry { Version = "v3", Probability = 0.5 }, // expect: DSS1010
        ]);

    public static void Weighted(DeploymentSettings settings, IReadOnlyDictionary<string, double> weights)
    {
        var total = weights.Values.Sum();
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            weights.Select(w => new GenerationEntry { Version = w.Key, Probability = w.Value / total }).ToList());
    }
}
