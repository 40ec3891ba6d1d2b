using DssApi.Emulator.Deployer;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.ApiNode;

/// <summary>A service as the emulator's API node serves it: the last successful update of an enabled deployment.</summary>
internal sealed record ServedService(string ServiceId, DeployedSnapshot Snapshot)
{
    public PackageContent Generation(string generation) => new(Snapshot.Generations[generation]);

    /// <summary>The first generation of the mapping, whose auth settings guard the service.</summary>
    public PackageContent PrimaryGeneration => Generation(DeploymentSettings.Generations(Snapshot.Settings)[0]);

    /// <summary>
    /// The served service with that id on an infrastructure this emulator serves (a STATIC one listing the
    /// emulator's URL among its API nodes, or any other type); the most recent update wins.
    /// </summary>
    public static ServedService Find(EmulatorContext context, EmulatorState state, string serviceId) =>
        state.Deployments.Values
            .Select(deployment => Of(context, state, deployment))
            .OfType<ServedService>()
            .Where(served => served.ServiceId == serviceId)
            .MaxBy(served => served.Snapshot.DeployedOn)
        ?? throw DssError.NotFound($"Service {serviceId} not found");

    /// <summary>What this emulator serves for a deployment: null unless its last update enabled it on an infrastructure served here.</summary>
    public static ServedService? Of(EmulatorContext context, EmulatorState state, DeploymentState deployment) =>
        deployment.Deployed is { } deployed
        && deployed.Settings["enabled"]?.GetValue<bool>() == true
        && IsServedHere(context, state, deployed)
            ? new ServedService(DeploymentSettings.ServedServiceId(deployed.Settings), deployed)
            : null;

    private static bool IsServedHere(EmulatorContext context, EmulatorState state, DeployedSnapshot deployed) =>
        state.Infras.GetValueOrDefault(deployed.Settings.Text("infraId")) is { } infra
        && (infra.Type() != DeployerViews.StaticInfra || infra.ApiNodes().Any(context.ServesApiNode));
}
