using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.TrafficSplitAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class TrafficSplitTests
{
    [Fact]
    public Task Shares_below_one_fire() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [|[new GenerationEntry { Version = "v1", Probability = 0.5 }, new GenerationEntry { Version = "v2", Probability = 0.4 }]|]);
        """);

    [Fact]
    public Task Shares_above_one_in_an_array_fire() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.HashBased,
            [|new[] { new GenerationEntry { Version = "v1", Probability = 0.7 }, new GenerationEntry { Version = "v2", Probability = 0.7 } }|]);
        """);

    [Fact]
    public Task Negative_share_fires() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [|new List<GenerationEntry> { new() { Version = "v1", Probability = 1.5 }, new() { Version = "v2", Probability = -0.5 } }|]);
        """);

    [Fact]
    public Task Repeated_version_fires() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [|[new GenerationEntry { Version = "v1", Probability = 0.5 }, new GenerationEntry { Version = "v1", Probability = 0.5 }]|]);
        """);

    [Fact]
    public Task Named_argument_in_a_lambda_fires() => Verifier.VerifyAsync("""
        Action<DeploymentSettings> Split() => settings => settings.SetTrafficSplit(
            TrafficSplitStrategy.Random,
            [|entries: [new GenerationEntry { Version = "v1", Probability = 1 }, new GenerationEntry { Version = "v2", Probability = 1 }]|]);
        """);

    [Fact]
    public Task Shares_adding_up_to_one_are_silent() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [new GenerationEntry { Version = "v1", Probability = 0.1 }, new GenerationEntry { Version = "v2", Probability = 0.2 }, new GenerationEntry { Version = "v3", Probability = 0.7 }]);
        """);

    [Fact]
    public Task Shares_computed_at_run_time_are_silent() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings, double canary) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [new GenerationEntry { Version = "v1", Probability = 1 - canary }, new GenerationEntry { Version = "v2", Probability = canary }]);
        """);

    [Fact]
    public Task Lists_built_elsewhere_are_silent() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings, IEnumerable<GenerationEntry> entries) => settings.SetTrafficSplit(TrafficSplitStrategy.Random, entries);
        """);

    [Fact]
    public Task Entries_not_written_in_place_are_silent() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings, GenerationEntry first) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [first, new GenerationEntry { Version = "v2", Probability = 0.1 }]);
        """);

    [Fact]
    public Task Other_mutators_are_silent() => Verifier.VerifyAsync("""
        void Configure(DeploymentSettings settings)
        {
            settings.SetSingleVersion("v1");
            settings.SetEnabled(true);
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        void Split(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [new GenerationEntry { Version = "v1", Probability = 0.5 }, new GenerationEntry { Probability = 
        """, compiles: false);

    [Fact]
    public Task Canary_with_versions_from_variables_is_checked() => Verifier.VerifyAsync("""
        void Canary(DeploymentSettings settings, string stable, string canary) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [|[new GenerationEntry { Version = stable, Probability = 0.9 }, new GenerationEntry { Version = canary, Probability = 0.05 }]|]);

        void Rollout(DeploymentSettings settings, IReadOnlyList<string> versions) => settings.SetTrafficSplit(TrafficSplitStrategy.HashBased,
            [|new List<GenerationEntry>
            {
                new() { Version = versions[0], Probability = 0.8 },
                new() { Version = versions[1], Probability = -0.2 },
            }|]);
        """);

    [Fact]
    public Task Canary_with_versions_from_variables_adding_up_is_silent() => Verifier.VerifyAsync("""
        const double CanaryShare = 0.05;

        void Canary(DeploymentSettings settings, string stable, string canary) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [new GenerationEntry { Version = stable, Probability = 1 - CanaryShare }, new GenerationEntry { Version = canary, Probability = CanaryShare }]);

        void SameVariableTwice(DeploymentSettings settings, string version) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [new GenerationEntry { Version = version, Probability = 0.5 }, new GenerationEntry { Version = version, Probability = 0.5 }]);

        void SharesFromConfiguration(DeploymentSettings settings, string stable, string canary, double share) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
            [new GenerationEntry { Version = stable, Probability = 1 - share }, new GenerationEntry { Version = canary, Probability = share }]);
        """);
}
