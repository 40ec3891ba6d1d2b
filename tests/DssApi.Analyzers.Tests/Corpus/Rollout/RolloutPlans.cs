using DssApi;

namespace Acme.Release.Plans;

public enum RolloutStage
{
    Canary,
    Half,
    Full,
}

/// <summary>The release train's rollout stages, written out per stage.</summary>
public static class RolloutPlans
{
    public static void Apply(DeploymentSettings settings, RolloutStage stage, string current, string next)
    {
        switch (stage)
        {
            case RolloutStage.Canary:
                settings.SetTrafficSplit(TrafficSplitStrategy.Random,
                [
                    new GenerationEntry { Version = current, Probability = 0.9 },
                    new GenerationEntry { Version = next, Probability = 0.1 },
                ]);
                break;
            case RolloutStage.Half:
                settings.SetTrafficSplit(TrafficSplitStrategy.Random, [ // expect: DSS1010
                    new GenerationEntry { Version = current, Probability = 0.5 },
                    new GenerationEntry { Version = next, Probability = 0.55 },
                ]);
                break;
            case RolloutStage.Full:
                settings.SetSingleVersion(next);
                break;
        }
    }

    public static void ApplyPercent(DeploymentSettings settings, string current, string next) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, [ // expect: DSS1010
            new GenerationEntry { Version = current, Probability = 80 },
            new GenerationEntry { Version = next, Probability = 20 },
        ]);

    public static void ApplyTiny(DeploymentSettings settings, string current, string next) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = current, Probability = 0.999 },
            new GenerationEntry { Version = next, Probability = 0.001 },
        ]);

    public static void ApplyFour(DeploymentSettings settings, string a, string b, string c, string d) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.HashBased,
        [
            new GenerationEntry { Version = a, Probability = 0.1 },
            new GenerationEntry { Version = b, Probability = 0.2 },
            new GenerationEntry { Version = c, Probability = 0.3 },
            new GenerationEntry { Version = d, Probability = 0.4 },
        ], "account_id");

    public static void ApplyFourWrong(DeploymentSettings settings, string a, string b, string c, string d) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.HashBased, [ // expect: DSS1010
            new GenerationEntry { Version = a, Probability = 0.1 },
            new GenerationEntry { Version = b, Probability = 0.2 },
            new GenerationEntry { Version = c, Probability = 0.3 },
            new GenerationEntry { Version = d, Probability = 0.3 },
        ], "account_id");

    public static void ApplySingleEntry(DeploymentSettings settings, string version) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, [new GenerationEntry { Version = version, Probability = 0.5 }]); // expect: DSS1010

    public static void ApplySingleEntryFull(DeploymentSettings settings, string version) =>
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, [new GenerationEntry { Version = version, Probability = 1 }]);
}
