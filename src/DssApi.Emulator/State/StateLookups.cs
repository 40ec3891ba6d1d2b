using DssApi.Emulator.Routing;

namespace DssApi.Emulator.State;

/// <summary>Finds the object a route addresses, or answers DSS's NotFoundException (404).</summary>
internal static class StateLookups
{
    public static ProjectState RequireProject(this EmulatorState state, string projectKey) =>
        state.Projects.GetValueOrDefault(projectKey) ?? throw DssError.NotFound($"Project {projectKey} not found");

    public static ApiServiceState RequireApiService(this EmulatorState state, string projectKey, string serviceId) =>
        state.RequireProject(projectKey).ApiServices.GetValueOrDefault(serviceId)
        ?? throw DssError.NotFound($"Service {serviceId} not found");

    public static PackageState RequirePackage(this ApiServiceState service, string packageId) =>
        service.Packages.FirstOrDefault(package => package.Id == packageId)
        ?? throw DssError.NotFound($"Package does not exist: {packageId}");

    public static InfraState RequireInfra(this EmulatorState state, string infraId) =>
        state.Infras.GetValueOrDefault(infraId) ?? throw DssError.NotFound($"Infrastructure {infraId} not found");

    public static PublishedServiceState RequirePublishedService(this EmulatorState state, string publishedServiceId) =>
        state.PublishedServices.GetValueOrDefault(publishedServiceId)
        ?? throw DssError.NotFound($"Published service {publishedServiceId} not found");

    public static PublishedVersionState RequireVersion(this PublishedServiceState service, string versionId) =>
        service.Versions.FirstOrDefault(version => version.Id == versionId)
        ?? throw DssError.NotFound($"Version {versionId} not found in published service {service.Settings["id"]}");

    public static DeploymentState RequireDeployment(this EmulatorState state, string deploymentId) =>
        state.Deployments.GetValueOrDefault(deploymentId) ?? throw DssError.NotFound($"Deployment {deploymentId} not found");

    /// <summary>Objects in id order, the order every list route uses.</summary>
    public static IEnumerable<T> InIdOrder<T>(this Dictionary<string, T> objects) =>
        objects.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => entry.Value);

    /// <summary>Deployments in id order, the order every list route uses.</summary>
    public static IEnumerable<DeploymentState> DeploymentsWhere(this EmulatorState state, string field, string value) =>
        state.Deployments.InIdOrder().Where(deployment => deployment.Settings[field]?.GetValue<string>() == value);

    /// <summary>Refuses to delete <paramref name="what"/> while deployments still reference it, as DSS does.</summary>
    public static void RequireNoDeployments(this EmulatorState state, string field, string value, string what)
    {
        var deployments = state.DeploymentsWhere(field, value).Select(deployment => deployment.Id()).ToArray();
        if (deployments.Length > 0)
        {
            throw DssError.IllegalArgument($"Cannot delete {what}: it still has deployments ({string.Join(", ", deployments)})");
        }
    }

    public static string Id(this DeploymentState deployment) => deployment.Settings.Text("id");
}
