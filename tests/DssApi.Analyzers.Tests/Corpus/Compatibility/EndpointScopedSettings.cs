// DssApiTargetVersion: 12.0
using DssApi;

namespace Acme.Platform.Deployments;

/// <summary>Per-endpoint deployments: DSS 12.4 added the endpoint field of a deployment.</summary>
internal static class EndpointScopedSettings
{
    public static async Task RestrictAsync(DssApiDeployerDeployment deployment, string endpointId)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.EndpointId = endpointId; // expect: DSS1011
        await settings.SaveAsync();
    }

    public static async Task RestrictIfSupportedAsync(DssApiDeployerDeployment deployment, string endpointId, Version dss)
    {
        var settings = await deployment.GetSettingsAsync();
        if (dss >= new Version(12, 4) && !string.IsNullOrEmpty(endpointId))
        {
            settings.EndpointId = endpointId;
            await settings.SaveAsync();
        }
    }

    public static async Task<string?> ReadAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        var light = await deployment.GetLightStatusAsync();
        return settings.EndpointId ?? light.DeploymentBasicInfo.EndpointId;
    }

    public static async Task DefaultAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.EndpointId ??= "predict"; // expect: DSS1011
        await settings.SaveAsync();
    }

    public static async Task ClearForOldServersAsync(DssApiDeployerDeployment deployment, Version dss)
    {
        var settings = await deployment.GetSettingsAsync();
        if (dss < new Version(12, 4))
        {
            Console.WriteLine("nothing to clear");
        }
        else
        {
            settings.EndpointId = null;
            await settings.SaveAsync();
        }
    }
}
