using System.Text.Json;
using DssApi;

namespace Acme.Deploy.Manifest;

public sealed record ServiceManifest(string ServiceId, string Version, string InfraId, string? EndpointId);

public static class DeployFromManifest
{
    public static async Task<int> RunAsync(string manifestPath)
    {
        var manifests = JsonSerializer.Deserialize<List<ServiceManifest>>(await File.ReadAllTextAsync(manifestPath)) ?? [];
        using var client = new DssClient(DssClientOptions.FromEnvironment());
        var deployer = client.GetApiDeployer();
        var failures = 0;

        foreach (var manifest in manifests)
        {
            var deploymentId = $"{manifest.ServiceId}-{manifest.InfraId}";
            var existing = await deployer.ListDeploymentsAsync();
            if (existing.Any(d => d.DeploymentBasicInfo.Id == deploymentId))
            {
                continue;
            }

            var deployment = await deployer.CreateDeploymentAsync(deploymentId, manifest.ServiceId, manifest.InfraId, manifest.Version, manifest.EndpointId);
            try
            {
                var update = await deployment.StartUpdateAsync();
                await update.WaitForCompletionAsync();
            }
            catch (DssApiException e)
            {
                failures++;
                Console.Error.WriteLine($"{deploymentId}: {e.Message}");
            }
        }

        return failures;
    }

    public static async Task CreateOnlyAsync(DssApiDeployer deployer, ServiceManifest manifest)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{manifest.ServiceId}-staging", manifest.ServiceId, manifest.InfraId, manifest.Version); // expect: DSS1005
        Console.WriteLine($"Created {deployment}");
    }
}
