using System.CommandLine;
using System.Text.Json.Nodes;

namespace DssApi.Cli.Commands;

/// <summary><c>dssapi deploy</c>: point a deployment at one version (creating it when asked) and start its update.</summary>
internal static class DeployCommand
{
    public static Command Create(CliContext cli)
    {
        var deployment = new Argument<string>("deployment") { Description = "The deployment id." };
        var version = new Option<string>("--version") { Description = "The version the deployment serves, all of its traffic.", Required = true };
        var infra = new Option<string?>("--infra") { Description = "With --service: the infrastructure to create the deployment on, when it does not exist." };
        var service = new Option<string?>("--service") { Description = "With --infra: the published service to create the deployment of, when it does not exist." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the update and for a healthy deployment; without it, print the update's job id and return." };
        var timeout = CliContext.TimeoutOption("30m", "the update, with --wait");
        var command = new Command("deploy", "Set a deployment's version and update it; exit code 1 when the update fails, outlasts --timeout, or leaves the deployment unhealthy.")
        {
            deployment, version, infra, service, wait, timeout,
        };
        cli.SetAction(command, async (parse, client, cancellationToken) =>
        {
            var (deploymentId, versionId) = (parse.GetValue(deployment)!, parse.GetValue(version)!);
            var handle = await PointAtAsync(client, deploymentId, versionId, parse.GetValue(infra), parse.GetValue(service), cancellationToken);
            var update = await handle.StartUpdateAsync(cancellationToken);
            if (!parse.GetValue(wait))
            {
                return cli.Done(parse, new JsonObject { ["deployment"] = deploymentId, ["version"] = versionId, ["jobId"] = update.Id },
                    $"Started the update of deployment {deploymentId} to {versionId}: job {update.Id} (dssapi futures wait {update.Id}).");
            }

            await cli.WaitAsync(update, $"The update of deployment {deploymentId}", parse, timeout, cancellationToken);
            var status = await handle.GetHeavyStatusAsync(cancellationToken);
            if (status.Health != DeploymentHealth.Healthy)
            {
                throw new CliFailureException($"Deployment {deploymentId} was updated to {versionId} but is {status.Health?.Value ?? "of unknown health"}: " +
                    string.Join("; ", status.HealthMessages?.Messages.Select(message => message.Message) ?? []));
            }

            return cli.Done(parse, new JsonObject { ["deployment"] = deploymentId, ["version"] = versionId, ["jobId"] = update.Id, ["health"] = status.Health?.Value },
                $"Deployment {deploymentId} serves {versionId}: {status.Health?.Value}.");
        });
        return command;
    }

    /// <summary>The deployment, set to serve only <paramref name="version"/>: its settings saved when it exists, created when it does not and both an infrastructure and a service are given.</summary>
    private static async Task<DssApiDeployerDeployment> PointAtAsync(DssClient client, string deploymentId, string version, string? infraId, string? serviceId,
        CancellationToken cancellationToken)
    {
        var deployer = client.GetApiDeployer();
        var deployment = deployer.GetDeployment(deploymentId);
        DeploymentSettings settings;
        try
        {
            settings = await deployment.GetSettingsAsync(cancellationToken);
        }
        catch (DssApiException exception) when (exception.StatusCode == 404)
        {
            return infraId is not null && serviceId is not null
                ? await deployer.CreateDeploymentAsync(deploymentId, serviceId, infraId, version, cancellationToken: cancellationToken)
                : throw new CliUsageException($"Deployment {deploymentId} does not exist: give --infra and --service to create it");
        }

        settings.SetSingleVersion(version);
        await settings.SaveAsync(cancellationToken: cancellationToken);
        return deployment;
    }
}
