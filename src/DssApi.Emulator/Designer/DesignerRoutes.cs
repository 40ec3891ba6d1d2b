using System.Text.Json.Nodes;
using DssApi.Emulator.Deployer;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Models;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Designer;

/// <summary>The API Designer routes of a project: API services, their settings and packages, and saved models (dss-protocol §2.2–2.5).</summary>
internal static class DesignerRoutes
{
    private const string Service = "projects/{projectKey}/apiservices/{serviceId}";
    private const string Package = Service + "/packages/{packageId}";
    private const string SavedModel = "projects/{projectKey}/savedmodels/{savedModelId}";

    public static void Map(RouteTable routes, EmulatorContext context)
    {
        var store = context.Store;

        routes.MapPublicApi("GET", "projects/{projectKey}/apiservices", request => DssResponse.Json(store.Read(state =>
            new JsonArray(state.RequireProject(request.Route("projectKey")).ApiServices.InIdOrder()
                .Select(service => (JsonNode)ListItem(service.Settings))
                .ToArray()))));

        routes.MapPublicApi("POST", Service, request =>
        {
            var serviceId = request.Route("serviceId");
            store.Write(state =>
            {
                var project = state.RequireProject(request.Route("projectKey"));
                if (!project.ApiServices.TryAdd(serviceId, new ApiServiceState { Settings = ApiServiceSettings.New(request.Route("projectKey"), serviceId) }))
                {
                    throw DssError.IllegalArgument($"API service {serviceId} already exists");
                }
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("GET", Service + "/settings", request =>
            DssResponse.Json(store.Read(state => RequireService(state, request).Settings.DeepClone())));

        routes.MapPublicApi("PUT", Service + "/settings", async request =>
        {
            var body = await request.ReadJsonObjectAsync();
            store.Write(state =>
            {
                var service = RequireService(state, request);
                service.Settings = ApiServiceSettings.Normalize(body, request.Route("projectKey"), request.Route("serviceId"));
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("GET", Service + "/packages", request => DssResponse.Json(store.Read(state =>
            new JsonArray(RequireService(state, request).Packages.Select(package => (JsonNode)new JsonObject
            {
                ["id"] = package.Id,
                ["createdOn"] = package.CreatedOn,
                ["releaseNotes"] = package.ReleaseNotes,
            }).ToArray()))));

        routes.MapPublicApi("POST", Package, request =>
        {
            var packageId = request.Route("packageId");
            store.Write(state =>
            {
                var service = RequireService(state, request);
                if (service.Packages.Any(package => package.Id == packageId))
                {
                    throw DssError.IllegalArgument($"Package {packageId} already exists in API service {request.Route("serviceId")}");
                }

                var content = BuildPackage(context.Demo, state.RequireProject(request.Route("projectKey")), service.Settings, packageId, request.Query("releaseNotes"));
                service.Packages.Add(new PackageState
                {
                    Id = packageId,
                    CreatedOn = content.CreatedOn,
                    ReleaseNotes = content.ReleaseNotes,
                    Archive = content.ToZip(),
                });
            });
            return DssResponse.Message($"Created package {packageId}");
        });

        routes.MapPublicApi("DELETE", Package, request =>
        {
            store.Write(state =>
            {
                var service = RequireService(state, request);
                service.Packages.Remove(service.RequirePackage(request.Route("packageId")));
            });
            return DssResponse.Message($"Deleted package {request.Route("packageId")}");
        });

        routes.MapPublicApi("GET", Package + "/summary", request => DssResponse.Json(store.Read(state =>
        {
            var package = RequireService(state, request).RequirePackage(request.Route("packageId"));
            return new JsonObject
            {
                ["id"] = package.Id,
                ["createdOn"] = package.CreatedOn,
                ["createdBy"] = EmulatorContext.AdminLogin,
                ["releaseNotes"] = package.ReleaseNotes,
                ["endpoints"] = PackageContent.FromZip(package.Archive).EndpointHeads(),
            };
        })));

        routes.MapPublicApi("GET", Package + "/archive", request => store.Read(state =>
        {
            var package = RequireService(state, request).RequirePackage(request.Route("packageId"));
            return DssResponse.Zip(package.Archive, $"{request.Route("serviceId")}_{package.Id}.zip");
        }));

        routes.MapPublicApi("POST", Package + "/publish", request =>
        {
            store.Write(state =>
            {
                var service = RequireService(state, request);
                var package = service.RequirePackage(request.Route("packageId"));
                var publishedServiceId = request.Query("publishedServiceId") is { Length: > 0 } target ? target : request.Route("serviceId");
                var published = state.PublishedServices.GetValueOrDefault(publishedServiceId)
                    ?? PublishedServiceCatalog.Create(state, publishedServiceId, service.Settings["name"]?.GetValue<string>());
                PublishedServiceCatalog.AddVersion(published, package.Archive);
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("GET", "projects/{projectKey}/savedmodels", request => DssResponse.Json(store.Read(state =>
        {
            var project = state.RequireProject(request.Route("projectKey"));
            return new JsonArray(context.Demo.SavedModels.Select(model => (JsonNode)new JsonObject
            {
                ["id"] = model.Id,
                ["projectKey"] = context.Demo.ProjectKey,
                ["name"] = model.Name,
                ["predictionType"] = model.PredictionType,
                ["activeVersion"] = project.ActiveModelVersions[model.Id],
            }).ToArray());
        })));

        routes.MapPublicApi("GET", SavedModel + "/versions", request => DssResponse.Json(store.Read(state =>
        {
            var (project, model) = RequireSavedModel(context.Demo, state, request);
            return new JsonArray(model.Versions.Keys.Select(version => (JsonNode)new JsonObject
            {
                ["id"] = version,
                ["active"] = project.ActiveModelVersions[model.Id] == version,
            }).ToArray());
        })));

        routes.MapPublicApi("POST", SavedModel + "/versions/{versionId}/actions/setActive", request =>
        {
            store.Write(state =>
            {
                var (project, model) = RequireSavedModel(context.Demo, state, request);
                var version = request.Route("versionId");
                if (!model.Versions.ContainsKey(version))
                {
                    throw DssError.NotFound($"Version {version} of saved model {model.Id} not found");
                }

                project.ActiveModelVersions[model.Id] = version;
            });
            return DssResponse.Empty;
        });
    }


    private static ApiServiceState RequireService(EmulatorState state, DssRequest request) =>
        state.RequireApiService(request.Route("projectKey"), request.Route("serviceId"));

    private static (ProjectState Project, SavedModelDefinition Model) RequireSavedModel(DemoProject demo, EmulatorState state, DssRequest request)
    {
        var project = state.RequireProject(request.Route("projectKey"));
        var savedModelId = request.Route("savedModelId");
        var model = demo.FindSavedModel(savedModelId) is { } found && project.ActiveModelVersions.ContainsKey(found.Id)
            ? found
            : throw DssError.NotFound($"Saved model {savedModelId} not found");
        return (project, model);
    }

    /// <summary>The list item shape of dss-protocol §5.2.</summary>
    private static JsonObject ListItem(JsonObject settings) => new()
    {
        ["id"] = settings["id"]!.DeepClone(),
        ["projectKey"] = settings["projectKey"]!.DeepClone(),
        ["name"] = settings["name"]?.DeepClone(),
        ["authMethod"] = settings["authMethod"]!.DeepClone(),
        ["publicAccess"] = settings["publicAccess"]!.DeepClone(),
        ["endpoints"] = ApiServiceSettings.EndpointHeads(settings),
    };

    /// <summary>
    /// Packages the service as it is now: each endpoint's saved model is pinned at its active version and the
    /// datasets lookups read are bundled, as DSS does when it builds a package.
    /// </summary>
    private static PackageContent BuildPackage(DemoProject demo, ProjectState project, JsonObject settings, string packageId, string? releaseNotes)
    {
        var serviceId = settings.Text("id");
        var endpoints = settings["endpoints"]!.AsArray().Select(endpoint => endpoint!.AsObject()).ToArray();
        if (endpoints.Length == 0)
        {
            throw DssError.IllegalArgument($"Cannot create a package of API service {serviceId}: it has no endpoint");
        }

        var models = new Dictionary<string, PackagedModel>(StringComparer.Ordinal);
        var datasets = new Dictionary<string, DatasetTable>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var endpointId = endpoint.Text("id");
            var type = endpoint.Text("type");
            var expectedTypes = PredictionTypes.ForEndpointType(type);
            if (expectedTypes.Count > 0)
            {
                var model = PinModel(demo, project, endpointId, endpoint["modelRef"]?.GetValue<string>());
                if (!expectedTypes.Contains(model.PredictionType))
                {
                    throw DssError.IllegalArgument(
                        $"Endpoint {endpointId} of type {type} cannot use saved model {model.SavedModelId}, a {model.PredictionType} model");
                }

                models[model.SavedModelId] = model;
            }

            foreach (var datasetRef in LookupDatasets(endpoint))
            {
                datasets[datasetRef] = demo.Datasets.GetValueOrDefault(datasetRef)
                    ?? throw DssError.IllegalArgument($"Endpoint {endpointId} reads dataset {datasetRef}, which does not exist");
            }
        }

        return PackageContent.Create(packageId, releaseNotes, settings, models.Values, datasets);
    }

    private static PackagedModel PinModel(DemoProject demo, ProjectState project, string endpointId, string? modelRef)
    {
        if (string.IsNullOrEmpty(modelRef))
        {
            throw DssError.IllegalArgument($"Endpoint {endpointId} has no saved model (modelRef)");
        }

        var model = demo.FindSavedModel(modelRef) is { } found && project.ActiveModelVersions.TryGetValue(found.Id, out var active)
            ? (Definition: found, Version: active)
            : throw DssError.IllegalArgument($"Endpoint {endpointId} uses saved model {modelRef}, which does not exist");
        return new PackagedModel(modelRef, model.Version, model.Definition.PredictionType, model.Definition.Versions[model.Version].DeepClone().AsObject());
    }

    /// <summary>The datasets an endpoint reads: its lookups and its enrichment mappings.</summary>
    private static IEnumerable<string> LookupDatasets(JsonObject endpoint) =>
        new[] { "lookups", "enrichMapping" }
            .SelectMany(field => endpoint[field] as JsonArray ?? [])
            .Select(mapping => (mapping as JsonObject)?["datasetRef"]?.GetValue<string>())
            .OfType<string>();
}
