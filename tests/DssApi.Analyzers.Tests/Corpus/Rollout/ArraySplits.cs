using DssApi;

namespace Acme.Release.Plans;

/// <summary>Older code written before collection expressions.</summary>
internal static class ArraySplits
{
    public static void Canary(DeploymentSettings settings, string stable, string canary)
    {
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, new[] { // expect: DSS1010
            new GenerationEntry { Version = stable, Probability = 0.8 },
            new GenerationEntry { Version = canary, Probability = 0.1 },
        });
    }

    public static void CanaryOk(DeploymentSettings settings, string stable, string canary)
    {
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, new[]
        {
            new GenerationEntry { Version = stable, Probability = 0.8 },
            new GenerationEntry { Version = canary, Probability = 0.2 },
        });
    }

    public static void FromList(DeploymentSettings settings, string stable, string canary)
    {
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, new List<GenerationEntry> // expect: DSS1010
        {
            new GenerationEntry { Version = stable, Probability = 0.7 },
            new GenerationEntry { Version = canary, Probability = 0.2 },
        });
    }

    public static void Typed(DeploymentSettings settings, string stable, string canary)
    {
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, new GenerationEntry[] // expect: DSS1010
        {
            new() { Version = stable, Probability = 0.6 },
            new() { Version = canary, Probability = 0.6 },
        });
    }

    public static void Computed(DeploymentSettings settings, IReadOnlyList<string> versions)
    {
        var share = 1.0 / versions.Count;
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, versions.Select(v => new GenerationEntry { Version = v, Probability = share }).ToArray());
    }
}
