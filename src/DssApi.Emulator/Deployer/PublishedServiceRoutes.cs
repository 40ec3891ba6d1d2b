using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Deployer;

/// <summary>Published services of the API Deployer and their versions (dss-protocol §2.15–2.16, §5.8).</summary>
internal static class PublishedServiceRoutes
{
    private const string Service = "api-deployer/services/{serviceId}";
    private const string Version = Service + "/versions/{versionId}";

    public static void Map(RouteTable routes, EmulatorContext context)
    {
        var store = context.Store;

        routes.MapPublicApi("GET", "api-deployer/services", _ => DssResponse.Json(store.Read(state => new JsonArray(state.PublishedServices.InIdOrder()
            .Select(service => (JsonNode)DeployerViews.ServiceLightStatus(state, service))
            .ToArray()))));

        routes.MapPublicApi("POST", "api-deployer/services", async request =>
        {
            var body = await request.ReadJsonObjectAsync();
            var serviceId = DssJson.RequireString(body, "publishedServiceId", "published service creation");
            return DssResponse.Json(store.Write(state => PublishedServiceCatalog.Create(state, serviceId, null).Settings.DeepClone()));
        });

        routes.MapPublicApi("GET", Service, request => DssResponse.Json(store.Read(state =>
            DeployerViews.ServiceLightStatus(state, RequireService(state, request)))));

        routes.MapPublicApi("GET", Service + "/settings", request => DssResponse.Json(store.Read(state =>
            RequireService(state, request).Settings.DeepClone())));

        routes.MapPublicApi("PUT", Service + "/settings", async request =>
        {
            const string owner = "published service settings";
            var body = await request.ReadJsonObjectAsync();
            DssJson.OptionalString(body, "name", owner);
            DssJson.OptionalArray(body, "permissions", owner);
            store.Write(state =>
            {
                var service = RequireService(state, request);
                var settings = body.DeepClone().AsObject();
                settings["id"] = service.Settings["id"]!.DeepClone();
                service.Settings = settings;
                service.LastUpdated = EmulatorContext.Now();
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("DELETE", Service, request =>
        {
            store.Write(state =>
            {
                RequireService(state, request);
                var serviceId = request.Route("serviceId");
                state.RequireNoDeployments("publishedServiceId", serviceId, $"published service {serviceId}");
                state.PublishedServices.Remove(serviceId);
            });
            return DssResponse.Empty;
        });

        routes.MapPublicApi("POST", Service + "/versions", async request =>
        {
            var archive = await ReadUploadedFileAsync(request);
            PackageContent.FromZip(archive).RequireBuiltFrom(context.Demo);
            store.Write(state => PublishedServiceCatalog.AddVersion(RequireService(state, request), archive));
            return DssResponse.Empty;
        });

        routes.MapPublicApi("GET", Version, request => store.Read(state =>
        {
            var service = RequireService(state, request);
            var version = service.RequireVersion(request.Route("versionId"));
            return DssResponse.Zip(version.Archive, $"{request.Route("serviceId")}_{version.Id}.zip");
        }));

        routes.MapPublicApi("DELETE", Version, request =>
        {
            store.Write(state =>
            {
                var service = RequireService(state, request);
                var version = service.RequireVersion(request.Route("versionId"));
                var users = state.DeploymentsWhere("publishedServiceId", request.Route("serviceId"))
                    .Where(deployment => DeploymentSettings.Generations(deployment.Settings).Contains(version.Id))
                    .Select(deployment => deployment.Id())
                    .ToArray();
                if (users.Length > 0)
                {
                    throw DssError.IllegalArgument(
                        $"Cannot delete version {version.Id}: it is used by deployments ({string.Join(", ", users)})");
                }

                service.Versions.Remove(version);
                service.LastUpdated = EmulatorContext.Now();
            });
            return DssResponse.Empty;
        });
    }


    private static PublishedServiceState RequireService(EmulatorState state, DssRequest request) =>
        state.RequirePublishedService(request.Route("serviceId"));

    /// <summary>The multipart part <c>file</c>, as the Python client's <c>import_version</c> sends it.</summary>
    private static async Task<byte[]> ReadUploadedFileAsync(DssRequest request)
    {
        if (!request.Http.Request.HasFormContentType)
        {
            throw DssError.MissingPart("file");
        }

        IFormCollection form;
        try
        {
            form = await request.Http.Request.ReadFormAsync(request.Aborted);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException && !request.Aborted.IsCancellationRequested))
        {
            // A multipart body cut short ends the stream before its closing boundary.
            throw DssError.MalformedRequest($"Malformed multipart body: {e.Message}");
        }

        var file = form.Files.GetFile("file") ?? throw DssError.MissingPart("file");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, request.Aborted);
        return buffer.ToArray();
    }
}
