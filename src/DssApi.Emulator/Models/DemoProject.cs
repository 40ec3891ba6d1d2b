using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Emulator.State;

namespace DssApi.Emulator.Models;

/// <summary>The demo project every emulator starts with: saved models, the functions function endpoints run,
/// and datasets, defined as data.</summary>
internal sealed record DemoProject(
    string ProjectKey,
    string Name,
    IReadOnlyList<SavedModelDefinition> SavedModels,
    IReadOnlyDictionary<string, JsonObject> Functions,
    IReadOnlyDictionary<string, DatasetTable> Datasets)
{
    private const string ResourceName = "DssApi.Emulator.demo-project.json";

    public static DemoProject Load()
    {
        using var stream = typeof(DemoProject).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}");
        return JsonSerializer.Deserialize(stream, EmulatorJsonContext.Default.DemoProject)
            ?? throw new InvalidOperationException($"Empty embedded resource {ResourceName}");
    }

    public SavedModelDefinition? FindSavedModel(string id) => SavedModels.FirstOrDefault(model => model.Id == id);
}

/// <summary>A saved model and its versions; each version's parameters drive <see cref="ModelScorer"/>.</summary>
internal sealed record SavedModelDefinition(
    string Id,
    string Name,
    string PredictionType,
    string ActiveVersion,
    IReadOnlyDictionary<string, JsonObject> Versions);

/// <summary>A small in-memory table that lookup and SQL query endpoints read.</summary>
internal sealed record DatasetTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<JsonNode?>> Rows);
