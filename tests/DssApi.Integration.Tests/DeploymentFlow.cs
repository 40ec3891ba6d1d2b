using System.Text.Json.Nodes;
using DssApi.Emulator;

namespace DssApi.Integration.Tests;

/// <summary>The design → package → publish → infrastructure → deploy → predict loop, as tests drive it.</summary>
public static class DeploymentFlow
{
    public static readonly JsonObject Customer = new() { ["tenure_months"] = 10, ["monthly_charges"] = 70, ["contract"] = "month-to-month", ["support_calls"] = 2 };

    /// <summary>Runs the loop under ids that start with <paramref name="prefix"/>; returns the deployed service's id.</summary>
    /// <param name="queryKey">When set, the service requires this API key from its callers.</param>
    public static async Task<string> DeployAsync(DssClient client, DssEmulator dss, string prefix, string? queryKey = null,
        CancellationToken cancellationToken = default)
    {
        var service = await client.GetProject(dss.DemoProjectKey).CreateApiServiceAsync(prefix, cancellationToken);
        var settings = await service.GetSettingsAsync(cancellationToken);
        settings.AddPredictionEndpoint("churn", "churn_classifier");
        if (queryKey is not null)
        {
            settings.AuthMethod = AuthMethod.ApiKeys;
            settings.AuthRealm = new JsonObject { ["queryKeys"] = new JsonArray(new JsonObject { ["key"] = queryKey, ["label"] = "tests" }) };
        }
        else
        {
            settings.AuthMethod = AuthMethod.Public;
        }

        await settings.SaveAsync(cancellationToken);
        await service.CreatePackageAsync("v1", cancellationToken: cancellationToken);
        await service.PublishPackageAsync("v1", cancellationToken: cancellationToken);

        var deployer = client.GetApiDeployer();
        var infra = await deployer.CreateInfraAsync(prefix + "-infra", "Development", InfraType.Static, cancellationToken: cancellationToken);
        var infraSettings = await infra.GetSettingsAsync<StaticInfraSettings>(cancellationToken);
        infraSettings.AddApiNode(dss.Url, dss.AdminApiKey);
        await infraSettings.SaveAsync(cancellationToken);

        var deployment = await deployer.CreateDeploymentAsync(prefix + "-dep", prefix, prefix + "-infra", "v1", cancellationToken: cancellationToken);
        var update = await deployment.StartUpdateAsync(cancellationToken);
        await update.WaitForCompletionAsync(TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        var status = await deployment.GetStatusAsync(cancellationToken);
        Assert.Equal(DeploymentHealth.Healthy, status.Heavy.Health);
        return status.Light.DeploymentBasicInfo.DeployedServiceId ?? status.Light.DeploymentBasicInfo.PublishedServiceId;
    }
}
