using DssApi;

namespace Acme.Scoring.Rollout;

/// <summary>Moves traffic to a new version in steps, checking health between them.</summary>
public sealed class StagedRollout(DssApiDeployerDeployment deployment)
{
    private static readonly double[] Steps = [0.05, 0.25, 0.5, 1.0];

    public async Task RunAsync(string stable, string candidate, CancellationToken cancellationToken)
    {
        foreach (var share in Steps)
        {
            var settings = await deployment.GetSettingsAsync(cancellationToken);
            if (share >= 1.0)
            {
                settings.SetSingleVersion(candidate);
            }
            else
            {
                settings.SetTrafficSplit(TrafficSplitStrategy.Random,
                [
                    new GenerationEntry { Version = stable, Probability = 1 - share },
                    new GenerationEntry { Version = candidate, Probability = share },
                ]);
            }

            await settings.SaveAsync(cancellationToken: cancellationToken);
            var update = await deployment.StartUpdateAsync(cancellationToken);
            await update.WaitForCompletionAsync(cancellationToken);

            var status = await deployment.GetStatusAsync(cancellationToken);
            if (status.Heavy.Health != DeploymentHealth.Healthy)
            {
                await RollBackAsync(stable, cancellationToken);
                throw new InvalidOperationException($"{candidate} unhealthy at {share:P0}");
            }
        }
    }

    public async Task FirstStepAsync(string stable, string candidate, CancellationToken cancellationToken)
    {
        var settings = await deployment.GetSettingsAsync(cancellationToken);
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, new List<GenerationEntry> // expect: DSS1010
        {
            new() { Version = stable, Probability = 0.9 },
            new() { Version = candidate, Probability = 0.05 },
        });
        await settings.SaveAsync(cancellationToken: cancellationToken);
        await (await deployment.StartUpdateAsync(cancellationToken)).WaitForCompletionAsync(cancellationToken);
    }

    private async Task RollBackAsync(string stable, CancellationToken cancellationToken)
    {
        var settings = await deployment.GetSettingsAsync(cancellationToken);
        settings.SetSingleVersion(stable);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        await deployment.StartUpdateAsync(cancellationToken); // expect: DSS1003
    }
}
