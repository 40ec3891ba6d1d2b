using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// Lookup endpoints over the datasets bundled in the package: each lookup matches rows on its <c>on</c> keys
/// and copies the mapped columns into the record, honouring the missing-key, not-found and multi-match behaviours.
/// </summary>
internal static class DatasetLookup
{
    public static JsonObject Lookup(PackageContent content, JsonObject endpoint, JsonObject data)
    {
        var enriched = data.DeepClone().AsObject();
        foreach (var lookup in (endpoint["lookups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Apply(content, lookup, enriched) is { } ignoreReason)
            {
                return new JsonObject { ["ignored"] = true, ["ignoreReason"] = ignoreReason };
            }
        }

        return new JsonObject { ["data"] = enriched, ["ignored"] = false };
    }

    /// <summary>Copies the matched row's columns into <paramref name="record"/>; returns an ignore reason when the row must be dropped.</summary>
    private static string? Apply(PackageContent content, JsonObject lookup, JsonObject record)
    {
        var datasetRef = lookup.Text("datasetRef");
        var table = content.FindDataset(datasetRef) ?? throw DssError.IllegalArgument($"Dataset {datasetRef} is not bundled in this package");
        var keys = (lookup["on"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(on => (Column: on.Text("resourceLookupCol"), Value: DssJson.AsText(record[on.Text("inputLookupKey")])))
            .ToArray();
        if (keys.Any(key => key.Value is null))
        {
            return Behaviour(lookup, "missingLookupKeyBehavior", "IGNORE") == "ERROR" ? "MISSING_LOOKUP_KEY" : null;
        }

        var columnIndex = table.Columns.Select((name, index) => (name, index)).ToDictionary(column => column.name, column => column.index);
        var matches = table.Rows
            .Where(row => keys.All(key => columnIndex.TryGetValue(key.Column, out var index) && DssJson.AsText(row[index]) == key.Value))
            .Take(2)
            .ToArray();
        if (matches.Length == 0)
        {
            return Behaviour(lookup, "notFoundBehavior", "IGNORE") == "ERROR" ? "NO_LOOKUP_MATCH" : null;
        }

        if (matches.Length > 1 && Behaviour(lookup, "multiMatchBehavior", "KEEP_FIRST") == "ERROR")
        {
            return "MULTIPLE_LOOKUP_MATCHES";
        }

        var mapping = lookup["columnsMapping"] is JsonObject { Count: > 0 } explicitMapping
            ? explicitMapping.Select(pair => (Column: pair.Key, Output: pair.Value!.GetValue<string>()))
            : table.Columns.Except(keys.Select(key => key.Column)).Select(column => (Column: column, Output: column));
        foreach (var (column, output) in mapping)
        {
            if (columnIndex.TryGetValue(column, out var index))
            {
                record[output] = matches[0][index]?.DeepClone();
            }
        }

        return null;
    }

    private static string Behaviour(JsonObject lookup, string field, string defaultValue) =>
        lookup[field]?.GetValue<string>() ?? defaultValue;
}
