using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Onboarding;

public sealed record OnboardingRequest(string Team, string ServiceId, string InfraId, string Version, bool AutoStart);

/// <summary>The workflow behind the "new model service" form: design, publish, deploy.</summary>
public sealed class OnboardingWorkflow(DssClient client, ILogger<OnboardingWorkflow> logger)
{
    public async Task RunAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{request.ServiceId}-{request.Team}", request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken);
        if (request.AutoStart)
        {
            var update = await deployment.StartUpdateAsync(cancellationToken);
            await update.WaitForCompletionAsync(cancellationToken);
        }
    }

    public async Task RunManualAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{request.ServiceId}-{request.Team}", request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken); // expect: DSS1005
        logger.LogInformation("Deployment {Id} created for {Team}; the team starts it", deployment.DeploymentId, request.Team);
    }

    public async Task RunAndNotifyAsync(OnboardingRequest request, Func<string, Task> notify, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{request.ServiceId}-{request.Team}", request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken); // expect: DSS1005
        await notify($"Your deployment {deployment} is ready to be started");
    }

    public async Task RunWithCallbackAsync(OnboardingRequest request, Func<DssApiDeployerDeployment, Task> next, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{request.ServiceId}-{request.Team}", request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken);
        await next(deployment);
    }

    public async Task RunWithTimerAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{request.ServiceId}-{request.Team}", request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken);
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1));
            var update = await deployment.StartUpdateAsync();
            await update.WaitForCompletionAsync();
        }, cancellationToken);
    }
}
