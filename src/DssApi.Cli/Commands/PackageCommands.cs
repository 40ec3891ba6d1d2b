using System.CommandLine;
using System.Text.Json.Nodes;

namespace DssApi.Cli.Commands;

/// <summary><c>dssapi package create</c> and <c>dssapi publish</c>: freeze an API service as a version, and send that version to the API Deployer.</summary>
internal static class PackageCommands
{
    public static Command CreatePackage(CliContext cli)
    {
        var (project, service, version) = Identity("The version name of the new package, e.g. v2.");
        var releaseNotes = new Option<string?>("--release-notes") { Description = "Notes kept with the package (DSS 13.2 and later)." };
        var create = new Command("create", "Build a package of an API service as it is now; DSS answers once the package is built.") { project, service, version, releaseNotes };
        cli.SetAction(create, async (parse, client, cancellationToken) =>
        {
            var (projectKey, serviceId, packageId) = (parse.GetValue(project)!, parse.GetValue(service)!, parse.GetValue(version)!);
            await client.GetProject(projectKey).GetApiService(serviceId).CreatePackageAsync(packageId, parse.GetValue(releaseNotes), cancellationToken);
            return cli.Done(parse, new JsonObject { ["project"] = projectKey, ["service"] = serviceId, ["version"] = packageId },
                $"Created package {packageId} of API service {serviceId} (project {projectKey}).");
        });
        return new Command("package", "Packages (versions) of API services.") { create };
    }

    public static Command Publish(CliContext cli)
    {
        var (project, service, version) = Identity("The package to publish.");
        var publishedService = new Option<string?>("--published-service") { Description = "The published service that receives the version; by default the one named like the API service, created when missing." };
        var publish = new Command("publish", "Publish a package of an API service to the API Deployer.") { project, service, version, publishedService };
        cli.SetAction(publish, async (parse, client, cancellationToken) =>
        {
            var (projectKey, serviceId, packageId) = (parse.GetValue(project)!, parse.GetValue(service)!, parse.GetValue(version)!);
            var target = parse.GetValue(publishedService);
            await client.GetProject(projectKey).GetApiService(serviceId).PublishPackageAsync(packageId, target, cancellationToken);
            return cli.Done(parse, new JsonObject { ["project"] = projectKey, ["service"] = serviceId, ["version"] = packageId, ["publishedService"] = target ?? serviceId },
                $"Published package {packageId} of API service {serviceId} to published service {target ?? serviceId}.");
        });
        return publish;
    }

    private static (Argument<string> Project, Argument<string> Service, Argument<string> Version) Identity(string version) => (
        new Argument<string>("project") { Description = "The key of the project holding the API service." },
        new Argument<string>("service") { Description = "The API service id." },
        new Argument<string>("version") { Description = version });
}
