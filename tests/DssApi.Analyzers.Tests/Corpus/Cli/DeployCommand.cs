using DssApi;

namespace Acme.Tools.DssCtl;

/// <summary><c>dssctl deploy &lt;service&gt; &lt;version&gt; --infra &lt;id&gt;</c></summary>
internal static class DeployCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: dssctl deploy <service> <version> <infra> [endpoint]");
            return 2;
        }

        var (serviceId, version, infraId) = (args[0], args[1], args[2]);
        var endpoint = args.Length > 3 ? args[3] : null;
        using var client = new DssClient(DssClientOptions.FromEnvironment());
        var deployer = client.GetApiDeployer();

        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version, endpointId: endpoint);
        var update = await deployment.StartUpdateAsync();
        var result = await update.WaitForCompletionAsync(TimeSpan.FromMinutes(30), new Progress<DssFutureStatus>(s => Console.Write('.')));
        Console.WriteLine();
        Console.WriteLine(result is null ? "done" : $"done: {result.SucceededNodeCount} ok, {result.FailedNodeCount} failed");
        return result?.FailedNodeCount > 0 ? 1 : 0;
    }
}
