using System.ComponentModel;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>The log lines of a deployment update (the schema's computed member).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssUpdateLogs
{
    /// <summary>The lines of the update's log, as DSS kept them; empty when DSS kept no log.</summary>
    /// <param name="update">A deployment update as DSS sent it.</param>
    /// <returns>The lines, oldest first.</returns>
    public static IReadOnlyList<string> GetLines(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update["logs"]?["lines"] is JsonArray lines
            ? lines.Select(line => DssJson.AsString(line) ?? string.Empty).ToList()
            : [];
    }
}
