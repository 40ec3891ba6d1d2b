using DssApi;

namespace Acme.Experiments;

public sealed record Arm(string Version, double Share);

/// <summary>A/B tests of scoring models, set up by the data scientists from a notebook export.</summary>
public static class ABTest
{
    public static async Task StartAsync(DssApiDeployerDeployment deployment, Arm control, Arm treatment)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.SetTrafficSplit(TrafficSplitStrategy.HashBased,
        [
            new GenerationEntry { Version = control.Version, Probability = control.Share },
            new GenerationEntry { Version = treatment.Version, Probability = treatment.Share },
        ], "user_id");
        await settings.SaveAsync();
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }

    public static async Task StartDefaultAsync(DssApiDeployerDeployment deployment, string control, string treatment)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.SetTrafficSplit(TrafficSplitStrategy.HashBased, [ // expect: DSS1010
            new GenerationEntry { Version = control, Probability = 0.6 },
            new GenerationEntry { Version = treatment, Probability = 0.6 },
        ], "user_id");
        await settings.SaveAsync();
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }

    public static async Task StartThreeWayAsync(DssApiDeployerDeployment deployment, string a, string b, string c)
    {
        var settings = await deployment.GetSettingsAsync();
        var entries = new[]
        {
            new GenerationEntry { Version = a, Probability = 0.34 },
            new GenerationEntry { Version = b, Probability = 0.33 },
            new GenerationEntry { Version = c, Probability = 0.33 },
        };
        settings.SetTrafficSplit(TrafficSplitStrategy.Random, entries);
        await settings.SaveAsync();
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }

    public static async Task StopAsync(DssApiDeployerDeployment deployment, Arm winner)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.SetSingleVersion(winner.Version);
        await settings.SaveAsync();
        var update = await deployment.StartUpdateAsync();
        var outcome = await update.WaitForCompletionAsync();
        Console.WriteLine($"Winner {winner.Version} serves all traffic ({outcome?.SucceededNodeCount} nodes)");
    }
}
