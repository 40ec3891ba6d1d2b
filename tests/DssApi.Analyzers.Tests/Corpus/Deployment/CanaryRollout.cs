using DssApi;

namespace Acme.Scoring.Rollout;

public sealed class CanaryRollout
{
    private readonly DssApiDeployerDeployment _deployment;

    public CanaryRollout(DssApiDeployerDeployment deployment) => _deployment = deployment;

    public async Task StartAsync(string stable, string canary, double canaryShare, CancellationToken cancellationToken)
    {
        var settings = await _deployment.GetSettingsAsync(cancellationToken);
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = stable, Probability = 1 - canaryShare },
            new GenerationEntry { Version = canary, Probability = canaryShare },
        ]);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        await WaitAsync(cancellationToken);
    }

    public async Task StartDefaultAsync(string stable, string canary, CancellationToken cancellationToken)
    {
        var settings = await _deployment.GetSettingsAsync(cancellationToken);
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, [ // expect: DSS1010
            new GenerationEntry { Version = stable, Probability = 0.9 },
            new GenerationEntry { Version = canary, Probability = 0.05 },
        ]);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        await WaitAsync(cancellationToken);
    }

    public async Task PromoteAsync(string canary, CancellationToken cancellationToken)
    {
        var settings = await _deployment.GetSettingsAsync(cancellationToken);
        settings.SetTrafficSplit(TrafficSplitStrategy.Random,
        [
            new GenerationEntry { Version = canary, Probability = 0.7 },
            new GenerationEntry { Version = "v-previous", Probability = 0.2 },
            new GenerationEntry { Version = "v-oldest", Probability = 0.1 },
        ]);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        await WaitAsync(cancellationToken);
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var update = await _deployment.StartUpdateAsync(cancellationToken);
        await update.WaitForCompletionAsync(cancellationToken);
    }
}
