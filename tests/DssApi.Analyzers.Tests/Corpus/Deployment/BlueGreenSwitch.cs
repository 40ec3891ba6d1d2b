using DssApi;

namespace Acme.Platform.Releases;

internal static class BlueGreenSwitch
{
    public static async Task SwitchAsync(DssClient client, string deploymentId, string newVersion, bool dryRun)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var settings = await deployment.GetSettingsAsync();
        var previous = settings.GenerationsMapping is SingleVersionMapping single ? single.Version : null;
        Console.WriteLine($"Switching {deploymentId} from {previous ?? "<split>"} to {newVersion}");

        if (dryRun)
        {
            return;
        }

        settings.SetSingleVersion(newVersion);
        await settings.SaveAsync();

        var future = await deployment.StartUpdateAsync();
        try
        {
            await future.WaitForCompletionAsync(TimeSpan.FromMinutes(15));
        }
        catch (DssJobFailedException)
        {
            var rollback = await deployment.GetSettingsAsync();
            rollback.SetSingleVersion(previous ?? newVersion);
            await rollback.SaveAsync();
            var undo = await deployment.StartUpdateAsync();
            await undo.WaitForCompletionAsync();
            throw;
        }
    }

    public static async Task PinAsync(DssClient client, string deploymentId, string version)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var settings = await deployment.GetSettingsAsync();
        if (settings.GenerationsMapping is SingleVersionMapping { Version: var current } && current == version)
        {
            Console.WriteLine($"{deploymentId} already serves {version}");
            return;
        }

        settings.SetSingleVersion(version); // expect: DSS1002
        Console.WriteLine($"{deploymentId} now pinned to {version}");
    }
}
