using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Platform.Api;

public sealed record CreateDeploymentRequest(string ServiceId, string InfraId, string Version, bool StartNow);

/// <summary>The handlers behind POST /deployments of the platform portal.</summary>
public sealed class DeploymentsEndpoint(DssClient client, ILogger<DeploymentsEndpoint> logger)
{
    public async Task<string> CreateAsync(CreateDeploymentRequest request, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var id = $"{request.ServiceId}-{request.InfraId}";
        var deployment = await deployer.CreateDeploymentAsync(id, request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken);
        if (request.StartNow)
        {
            var update = await deployment.StartUpdateAsync(cancellationToken);
            return update.Id ?? id;
        }

        return id;
    }

    public async Task<string> CreateQuietlyAsync(CreateDeploymentRequest request, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var id = $"{request.ServiceId}-{request.InfraId}";
        var deployment = await deployer.CreateDeploymentAsync(id, request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken); // expect: DSS1005
        logger.LogInformation("Portal created {Deployment} for {Version}", deployment, request.Version);
        return id;
    }

    public async Task<object> CreateAndDescribeAsync(CreateDeploymentRequest request, CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = await deployer.CreateDeploymentAsync($"{request.ServiceId}-{request.InfraId}", request.ServiceId, request.InfraId, request.Version, cancellationToken: cancellationToken);
        return new { deployment.DeploymentId, Handle = deployment };
    }
}
