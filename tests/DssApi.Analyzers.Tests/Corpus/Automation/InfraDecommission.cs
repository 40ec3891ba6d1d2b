using DssApi;

namespace Acme.Ops.Scripts;

/// <summary>Port of decommission.ps1: removes the deployments of an infrastructure, then the infrastructure.</summary>
public static class InfraDecommission
{
    public static async Task RunAsync(DssApiDeployer deployer, string infraId, bool keepInfra)
    {
        var infra = deployer.GetInfra(infraId);
        var status = await infra.GetStatusAsync();
        foreach (var deployment in status.GetDeployments())
        {
            await deployment.DeleteAsync(disableFirst: true);
        }

        if (keepInfra)
        {
            var settings = await infra.GetSettingsAsync();
            settings.Stage = "Decommissioned";
            try
            {
                await settings.SaveAsync();
            }
            catch (DssApiException e)
            {
                Console.Error.WriteLine($"could not mark {infraId}: {e.Message}");
            }

            return;
        }

        await infra.DeleteAsync();
    }

    public static async Task MarkAsync(DssApiDeployerInfra infra, string reason)
    {
        var settings = await infra.GetSettingsAsync();
        try
        {
            settings.Stage = "Decommissioned";
            settings.GetRaw()["decommissionReason"] = reason;
        }
        finally
        {
            await settings.SaveAsync();
        }
    }

    public static async Task MarkLaterAsync(DssApiDeployerInfra infra)
    {
        var settings = await infra.GetSettingsAsync();
        settings.Stage = "Decommissioned"; // expect: DSS1002
        await infra.DeleteAsync();
    }
}
