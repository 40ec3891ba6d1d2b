using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>Creating published services and adding versions to them, shared by the deployer routes and designer publishing.</summary>
internal static class PublishedServiceCatalog
{
    public static PublishedServiceState Create(EmulatorState state, string publishedServiceId, string? name)
    {
        if (publishedServiceId.Length == 0)
        {
            throw DssError.IllegalArgument("The published service id cannot be empty");
        }

        if (state.PublishedServices.ContainsKey(publishedServiceId))
        {
            throw DssError.IllegalArgument($"Published service {publishedServiceId} already exists");
        }

        var service = new PublishedServiceState
        {
            Settings = new JsonObject
            {
                ["id"] = publishedServiceId,
                ["name"] = name ?? publishedServiceId,
                ["owner"] = EmulatorContext.AdminLogin,
                ["permissions"] = new JsonArray(),
            },
            LastUpdated = EmulatorContext.Now(),
        };
        state.PublishedServices[publishedServiceId] = service;
        return service;
    }

    /// <summary>Adds a package archive as a version; its id is the package id recorded inside the archive.</summary>
    public static PublishedVersionState AddVersion(PublishedServiceState service, byte[] archive)
    {
        var content = PackageContent.FromZip(archive);
        if (service.Versions.Any(version => version.Id == content.PackageId))
        {
            throw DssError.IllegalArgument($"Version {content.PackageId} already exists in published service {service.Settings["id"]}");
        }

        var version = new PublishedVersionState
        {
            Id = content.PackageId,
            PublishedOn = EmulatorContext.Now(),
            PublishedBy = EmulatorContext.AdminLogin,
            Archive = archive,
        };
        service.Versions.Add(version);
        service.LastUpdated = version.PublishedOn;
        return version;
    }

    public static string Name(this PublishedServiceState service) =>
        service.Settings["name"]?.GetValue<string>() ?? service.Settings.Text("id");
}
