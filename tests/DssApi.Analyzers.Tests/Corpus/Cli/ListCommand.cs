using DssApi;

namespace Acme.Tools.DssCtl;

internal static class ListCommand
{
    public static async Task<int> RunAsync(string what)
    {
        using var client = new DssClient(
            Environment.GetEnvironmentVariable("DSS_URL") ?? "http://localhost:11200",
            Environment.GetEnvironmentVariable("DSS_API_KEY") ?? throw new InvalidOperationException("Set DSS_API_KEY"));
        var deployer = client.GetApiDeployer();

        switch (what)
        {
            case "infras":
                foreach (var infra in await deployer.ListInfrasAsync())
                {
                    Console.WriteLine($"{infra.InfraBasicInfo.Id,-30} {infra.InfraBasicInfo.Stage}");
                }

                break;
            case "services":
                foreach (var service in await deployer.ListServicesAsync())
                {
                    Console.WriteLine($"{service.ServiceBasicInfo.Id,-30} {service.Packages.Count} versions");
                }

                break;
            case "deployments":
                foreach (var deployment in await deployer.ListDeploymentsAsync())
                {
                    var info = deployment.DeploymentBasicInfo;
                    Console.WriteLine($"{info.Id,-30} {info.PublishedServiceId} on {info.InfraId} {(info.Enabled == false ? "(disabled)" : "")}");
                }

                break;
            default:
                Console.Error.WriteLine($"unknown list: {what}");
                return 2;
        }

        return 0;
    }
}
