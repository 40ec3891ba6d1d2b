using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// A DSS job failed, as its history reports: its own error was lost with the read of the finished
/// job, so <see cref="Report"/> holds what DSS keeps about it instead (for a deployment update, the
/// update with its log).
/// </summary>
public class DssJobFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, and where DSS reports it.</param>
    /// <param name="report">What DSS keeps about the job.</param>
    public DssJobFailedException(string message, JsonObject report)
        : base(message)
    {
        Report = report;
    }

    /// <summary>What DSS keeps about the job, such as the deployment update and its log.</summary>
    public JsonObject Report { get; }
}
