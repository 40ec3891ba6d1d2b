using DssApi;

namespace Acme.Release.Plans;

/// <summary>Shares kept as named constants so the release notes can quote them.</summary>
internal static class ShareConstants
{
    private const double CanaryShare = 0.05;
    private const double StableShare = 1 - CanaryShare;
    private const double WrongStableShare = 0.9;

    public static void Canary(DeploymentSettings settings, string stable, string canary) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = stable, Probability = StableShare },
            new GenerationEntry { Version = canary, Probability = CanaryShare },
        ]);

    public static void CanaryWrong(DeploymentSettings settings, string stable, string canary) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, [ // expect: DSS1010
            new GenerationEntry { Version = stable, Probability = WrongStableShare },
            new GenerationEntry { Version = canary, Probability = CanaryShare },
        ]);

    public static void Pinned(DeploymentSettings settings) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = "2024-01", Probability = 0.75 },
            new GenerationEntry { Version = "2024-02", Probability = 0.25 },
        ]);

    public static void PinnedTwice(DeploymentSettings settings) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = "2024-02", Probability = 0.75 },
            new GenerationEntry { Version = "2024-02", Probability = 0.25 }, // expect: DSS1010
        ]);

    public static void Variable(DeploymentSettings settings, string stable, double share) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = stable, Probability = share },
            new GenerationEntry { Version = "fallback", Probability = 0.5 },
        ]);

    public static void NegativeConstant(DeploymentSettings settings, string a, string b) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = a, Probability = 1 + CanaryShare },
            new GenerationEntry { Version = b, Probability = -CanaryShare }, // expect: DSS1010
        ]);
}
