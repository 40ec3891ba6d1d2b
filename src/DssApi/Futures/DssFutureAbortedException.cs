namespace DssApi;

/// <summary>A long-running DSS job was aborted, so it has no result.</summary>
public class DssFutureAbortedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The aborted job.</param>
    public DssFutureAbortedException(string? jobId)
        : base($"The DSS job {jobId ?? "(no id)"} was aborted; it has no result.")
    {
        JobId = jobId;
    }

    /// <summary>The aborted job.</summary>
    public string? JobId { get; }
}
