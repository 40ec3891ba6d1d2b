using System.ComponentModel;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>Learns how a finished job went from what DSS keeps about it, when the job's own result
/// was lost in transit. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssJobHistory
{
    /// <summary>
    /// Reads the record DSS keeps of the job (for a deployment update, its last update) and returns
    /// null when its status says the job succeeded: the result itself is gone.
    /// </summary>
    /// <param name="client">The client that started the job.</param>
    /// <param name="recordRequest">A read of the job's record.</param>
    /// <param name="statusMember">The member of the record holding its status.</param>
    /// <param name="succeeded">The status of a job that succeeded.</param>
    /// <param name="failed">The status of a job that failed.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="DssJobFailedException">The record says the job failed.</exception>
    /// <exception cref="DssProtocolException">The record says neither (another job may have started since).</exception>
    public static async Task<JsonNode?> ReadOutcomeAsync(DssClient client, DssRequest recordRequest, string statusMember,
        string succeeded, string failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(recordRequest);
        var route = $"{recordRequest.Method} {recordRequest.Path}";
        var record = (await client.Pipeline.SendForJsonAsync(recordRequest, cancellationToken).ConfigureAwait(false)).RequireObject();
        var status = record[statusMember] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (status == succeeded)
        {
            return null;
        }

        if (status == failed)
        {
            throw new DssJobFailedException($"The DSS job failed: {route} reports {statusMember} {failed}.", record);
        }

        throw new DssProtocolException($"{route} reports {statusMember} '{status}', which tells neither success ('{succeeded}') nor failure ('{failed}').");
    }
}
