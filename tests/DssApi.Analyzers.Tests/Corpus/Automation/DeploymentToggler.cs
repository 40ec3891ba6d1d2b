using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Port of toggle.ps1: enables or disables deployments matching a pattern.</summary>
public static class DeploymentToggler
{
    public static async Task ToggleAsync(DssApiDeployer deployer, Func<string, bool> matches, bool enable)
    {
        foreach (var light in await deployer.ListDeploymentsAsync())
        {
            if (!matches(light.DeploymentBasicInfo.Id) || light.DeploymentBasicInfo.Enabled == enable)
            {
                continue;
            }

            var deployment = light.ToDeployment();
            var settings = await deployment.GetSettingsAsync();
            settings.SetEnabled(enable);
            await settings.SaveAsync();
            var update = await deployment.StartUpdateAsync();
            await update.WaitForCompletionAsync();
        }
    }

    public static async Task DisableAsync(DssApiDeployerDeployment deployment, bool force)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.Enabled = force ? false : settings.Enabled;
        await settings.SaveAsync(ignoreWarnings: force);
    }

    public static async Task EnableAsync(DssApiDeployerDeployment deployment, bool? requested)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.Enabled = requested ?? true;
        await settings.SaveAsync();
    }

    public static async Task EnsureEnabledAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.Enabled ??= true;
        await settings.SaveAsync();
    }

    public static async Task ToggleWithoutSaveAsync(DssApiDeployerDeployment deployment)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.Enabled = !(settings.Enabled ?? true); // expect: DSS1002
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }

    public static async Task ForceEnableAsync(DssApiDeployerDeployment deployment, bool? requested)
    {
        var settings = await deployment.GetSettingsAsync();
        settings.Enabled = requested ?? throw new ArgumentNullException(nameof(requested)); // expect: DSS1002
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }
}
