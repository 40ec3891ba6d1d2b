using DssApi;

namespace Acme.Tools.Shell;

/// <summary>A small REPL the support team uses to poke at deployments.</summary>
public sealed class InteractiveShell(DssClient client, TextReader input, TextWriter output)
{
    public async Task RunAsync()
    {
        var deployer = client.GetApiDeployer();
        while (await input.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["status", var id]:
                    var status = await deployer.GetDeployment(id).GetStatusAsync();
                    await output.WriteLineAsync($"{id}: {status.Heavy.Health}");
                    break;
                case ["update", var id]:
                    var update = await deployer.GetDeployment(id).StartUpdateAsync();
                    await output.WriteLineAsync($"started job {update.Id}");
                    break;
                case ["update-wait", var id]:
                    var result = await (await deployer.GetDeployment(id).StartUpdateAsync()).WaitForCompletionAsync();
                    await output.WriteLineAsync($"{result?.SucceededNodeCount} nodes");
                    break;
                case ["kick", var id]:
                    await deployer.GetDeployment(id).StartUpdateAsync(); // expect: DSS1003
                    break;
                case ["disable", var id]:
                    var settings = await deployer.GetDeployment(id).GetSettingsAsync();
                    settings.SetEnabled(false);
                    await settings.SaveAsync();
                    break;
                case ["enable", var id]:
                    var enableSettings = await deployer.GetDeployment(id).GetSettingsAsync();
                    enableSettings.SetEnabled(true); // expect: DSS1002
                    await output.WriteLineAsync($"{id} enabled");
                    break;
                case ["quit"]:
                    return;
                default:
                    await output.WriteLineAsync("unknown command");
                    break;
            }
        }
    }
}
