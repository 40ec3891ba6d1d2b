using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Platform.Deployments;

/// <summary>The ways the platform team's scripts create deployments.</summary>
public sealed class DeploymentCreation(DssApiDeployer deployer, ILogger<DeploymentCreation> logger)
{
    public async Task<DssApiDeployerDeployment> CreateAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version);
        return deployment;
    }

    public async Task CreateAndLogAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version); // expect: DSS1005
        logger.LogInformation("Created {Deployment}", deployment);
    }

    public async Task CreateAndPrintIdAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version); // expect: DSS1005
        Console.WriteLine($"Created {deployment.DeploymentId}, start it from the deployer UI");
    }

    public async Task CreateAndCheckAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version); // expect: DSS1005
        var status = await deployment.GetLightStatusAsync();
        logger.LogInformation("{Deployment} never deployed: {Never}", deployment.DeploymentId, status.NeverEverDeployed);
    }

    public async Task CreateDisabledAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version); // expect: DSS1005
        var settings = await deployment.GetSettingsAsync();
        settings.SetEnabled(false);
        await settings.SaveAsync();
    }

    public async Task CreateAndStartAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version);
        var settings = await deployment.GetSettingsAsync();
        settings.Tags.Add("created-by-script");
        await settings.SaveAsync();
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }

    public async Task CreateThenStartByIdAsync(string serviceId, string infraId, string version)
    {
        var deploymentId = $"{serviceId}-{infraId}";
        await deployer.CreateDeploymentAsync(deploymentId, serviceId, infraId, version);
        var update = await deployer.GetDeployment(deploymentId).StartUpdateAsync();
        await update.WaitForCompletionAsync();
    }

    public async Task CreateManyAsync(IEnumerable<string> infraIds, string serviceId, string version)
    {
        foreach (var infraId in infraIds)
        {
            var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version); // expect: DSS1005
            logger.LogInformation("Created {Deployment} on {Infra}", deployment.DeploymentId, infraId);
        }
    }

    public async Task CreateManyAndStartAsync(IEnumerable<string> infraIds, string serviceId, string version)
    {
        foreach (var infraId in infraIds)
        {
            var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version);
            await Start(deployment);
        }

        static async Task Start(DssApiDeployerDeployment deployment)
        {
            var update = await deployment.StartUpdateAsync();
            await update.WaitForCompletionAsync();
        }
    }

    public async Task CreateWithTryAsync(string serviceId, string infraId, string version)
    {
        DssApiDeployerDeployment? deployment = null;
        try
        {
            deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version); // expect: DSS1005
        }
        catch (DssApiException e) when (e.StatusCode == 409)
        {
            logger.LogInformation("{Service} already deployed on {Infra}", serviceId, infraId);
        }

        logger.LogInformation("Deployment: {Deployment}", deployment?.DeploymentId ?? "existing");
    }

    public async Task CreateAndStartInFinallyAsync(string serviceId, string infraId, string version)
    {
        var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-{infraId}", serviceId, infraId, version);
        try
        {
            var settings = await deployment.GetSettingsAsync();
            settings.Tags.Add("nightly");
            await settings.SaveAsync();
        }
        finally
        {
            var update = await deployment.StartUpdateAsync();
            await update.WaitForCompletionAsync();
        }
    }
}
