using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Models;
using DssApi.Emulator.Routing;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Designer;

/// <summary>
/// What an API package holds: the service settings at packaging time and a manifest pinning each saved
/// model version and bundling the datasets lookups read. As a file it is a zip with <c>manifest.json</c>
/// and <c>service.json</c>, so a downloaded package can be uploaded to another published service.
/// </summary>
internal sealed class PackageContent(JsonObject json)
{
    private const string ManifestEntry = "manifest.json";
    private const string ServiceEntry = "service.json";
    private const string Format = "dss-emulator-api-package";

    /// <summary>The content as one JSON object (<c>manifest</c> + <c>service</c>), the form deployments keep.</summary>
    public JsonObject Json { get; } = json;

    private JsonObject Manifest => Json["manifest"]!.AsObject();

    public string PackageId => Manifest["packageId"]!.GetValue<string>();

    public JsonObject Service => Json["service"]!.AsObject();

    public long CreatedOn => Manifest["createdOn"]!.GetValue<long>();

    public string? ReleaseNotes => Manifest["releaseNotes"]?.GetValue<string>();

    public IEnumerable<JsonObject> Endpoints => Service["endpoints"]!.AsArray().Select(endpoint => endpoint!.AsObject());

    public JsonArray EndpointHeads() => ApiServiceSettings.EndpointHeads(Service);

    public JsonObject? FindEndpoint(string endpointId) =>
        Endpoints.FirstOrDefault(endpoint => endpoint.Text("id") == endpointId);

    public PackagedModel? FindModel(string savedModelId) =>
        Manifest["models"]?[savedModelId] is JsonObject model
            ? new PackagedModel(savedModelId, model["versionId"]!.GetValue<string>(), model["predictionType"]!.GetValue<string>(),
                model["parameters"]!.AsObject())
            : null;

    public DatasetTable? FindDataset(string name) =>
        Manifest["datasets"]?[name] is JsonObject dataset
            ? dataset.Deserialize(EmulatorJsonContext.Default.DatasetTable)
            : null;

    public static PackageContent Create(
        string packageId,
        string? releaseNotes,
        JsonObject service,
        IEnumerable<PackagedModel> models,
        IEnumerable<KeyValuePair<string, DatasetTable>> datasets)
    {
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["packageId"] = packageId,
            ["projectKey"] = service["projectKey"]!.DeepClone(),
            ["serviceId"] = service["id"]!.DeepClone(),
            ["createdOn"] = EmulatorContext.Now(),
            ["releaseNotes"] = releaseNotes,
            ["models"] = new JsonObject(models.Select(model => KeyValuePair.Create(model.SavedModelId, (JsonNode?)new JsonObject
            {
                ["versionId"] = model.VersionId,
                ["predictionType"] = model.PredictionType,
                ["parameters"] = model.Parameters.DeepClone(),
            }))),
            ["datasets"] = new JsonObject(datasets.Select(dataset =>
                KeyValuePair.Create(dataset.Key, JsonSerializer.SerializeToNode(dataset.Value, EmulatorJsonContext.Default.DatasetTable)))),
        };
        return new PackageContent(new JsonObject { ["manifest"] = manifest, ["service"] = service.DeepClone() });
    }

    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, ManifestEntry, Manifest);
            WriteEntry(zip, ServiceEntry, Service);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an uploaded archive; anything that is not a package answers 400.</summary>
    public static PackageContent FromZip(byte[] archive)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
            var manifest = ReadEntry(zip, ManifestEntry);
            if (DssJson.OptionalString(manifest, "format", ManifestEntry) != Format
                || DssJson.OptionalString(manifest, "packageId", ManifestEntry) is not { Length: > 0 }
                || manifest["createdOn"] is not JsonValue createdOn || !createdOn.TryGetValue<long>(out _))
            {
                throw InvalidArchive($"{ManifestEntry} is not an API package manifest");
            }

            var service = ReadEntry(zip, ServiceEntry);
            foreach (var (endpoint, index) in DssJson.RequireArray(service, "endpoints", ServiceEntry).Select((endpoint, index) => (endpoint, index)))
            {
                var owner = $"{ServiceEntry} endpoint #{index}";
                var fields = endpoint as JsonObject ?? throw InvalidArchive($"{owner} is not a JSON object");
                DssJson.RequireString(fields, "id", owner);
                DssJson.RequireEnum(fields, "type", owner, ApiServiceSettings.EndpointTypes);
            }

            return new PackageContent(new JsonObject { ["manifest"] = manifest, ["service"] = service });
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw InvalidArchive(e.Message);
        }
    }

    /// <summary>
    /// Refuses an uploaded archive unless it is a package this emulator could have built: service settings that
    /// validate, and models and datasets that are versions of the demo project's, so serving it cannot fail later.
    /// </summary>
    public void RequireBuiltFrom(DemoProject demo)
    {
        var projectKey = DssJson.RequireString(Manifest, "projectKey", ManifestEntry);
        var serviceId = DssJson.RequireString(Manifest, "serviceId", ManifestEntry);
        ApiServiceSettings.Normalize(Service, projectKey, serviceId);
        foreach (var (savedModelId, model) in DssJson.OptionalObject(Manifest, "models", ManifestEntry) ?? [])
        {
            var owner = $"{ManifestEntry} model {savedModelId}";
            var fields = model as JsonObject ?? throw InvalidArchive($"{owner} is not a JSON object");
            var versionId = DssJson.RequireString(fields, "versionId", owner);
            var known = demo.FindSavedModel(savedModelId) is { } definition && definition.Versions.TryGetValue(versionId, out var parameters)
                && DssJson.OptionalString(fields, "predictionType", owner) == definition.PredictionType
                && JsonNode.DeepEquals(fields["parameters"], parameters);
            if (!known)
            {
                throw InvalidArchive($"{owner} is not version {versionId} of a saved model of project {demo.ProjectKey}");
            }
        }

        foreach (var (name, dataset) in DssJson.OptionalObject(Manifest, "datasets", ManifestEntry) ?? [])
        {
            if (!demo.Datasets.TryGetValue(name, out var table)
                || !JsonNode.DeepEquals(dataset, JsonSerializer.SerializeToNode(table, EmulatorJsonContext.Default.DatasetTable)))
            {
                throw InvalidArchive($"{ManifestEntry} dataset {name} is not a dataset of project {demo.ProjectKey}");
            }
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, JsonObject content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(content.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
    }

    private static JsonObject ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw InvalidArchive($"missing {name}");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return DssJson.Parse(reader.ReadToEnd(), $"{name} of the API package archive") as JsonObject
            ?? throw InvalidArchive($"{name} is not a JSON object");
    }

    private static DssError InvalidArchive(string reason) => DssError.IllegalArgument($"Invalid API package archive: {reason}");
}
