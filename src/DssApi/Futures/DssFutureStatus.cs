using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>What DSS reports about a long-running job at one poll.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="IsAlive">True while the job runs.</param>
/// <param name="HasResult">True once the job has finished (successfully, with an error, or aborted).</param>
/// <param name="IsAborted">True when the job was aborted.</param>
/// <param name="RunningTime">How long the job has run.</param>
/// <param name="States">The progress states DSS reports, outermost first.</param>
/// <param name="Raw">The future state JSON as DSS sent it.</param>
public sealed record DssFutureStatus(
    string? JobId,
    bool IsAlive,
    bool HasResult,
    bool IsAborted,
    TimeSpan RunningTime,
    IReadOnlyList<DssProgressState> States,
    JsonObject Raw)
{
    /// <summary>Reads a future state (a start response, a peek or a consuming read).</summary>
    internal static DssFutureStatus FromJson(JsonObject state)
    {
        var states = new List<DssProgressState>();
        if (state["progress"] is JsonObject progress && progress["states"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                states.Add(new DssProgressState(
                    DssJson.AsString(item["name"]) ?? string.Empty,
                    DssJson.AsString(item["unit"]),
                    DssJson.AsInt64(item["target"]) ?? 0,
                    DssJson.AsInt64(item["cur"]) ?? 0,
                    DssJson.AsBoolean(item["important"]) ?? false,
                    (int)(DssJson.AsInt64(item["depth"]) ?? 0),
                    TimeSpan.FromMilliseconds(DssJson.AsInt64(item["msSinceStart"]) ?? 0)));
            }
        }

        return new DssFutureStatus(
            DssJson.AsString(state["jobId"]),
            DssJson.AsBoolean(state["alive"]) ?? false,
            DssJson.AsBoolean(state["hasResult"]) ?? false,
            DssJson.AsBoolean(state["aborted"]) ?? false,
            TimeSpan.FromMilliseconds(DssJson.AsInt64(state["runningTime"]) ?? 0),
            states,
            state);
    }
}

/// <summary>One progress state of a DSS job (DSS reports nested steps as a list).</summary>
/// <param name="Name">What the step does.</param>
/// <param name="Unit">The unit of <paramref name="Target"/> and <paramref name="Current"/>: SIZE, FILES or RECORDS, if any.</param>
/// <param name="Target">The amount to reach; 0 when unknown.</param>
/// <param name="Current">The amount done.</param>
/// <param name="Important">Whether DSS marks this step as one to show.</param>
/// <param name="Depth">The nesting depth of the step.</param>
/// <param name="SinceStart">How long the step has run.</param>
public sealed record DssProgressState(string Name, string? Unit, long Target, long Current, bool Important, int Depth, TimeSpan SinceStart);
