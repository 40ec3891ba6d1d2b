using System.Text.Json.Nodes;

namespace DssApi.Emulator.State;

/// <summary>
/// Everything the emulator knows, as plain data so it can be persisted as one JSON document.
/// Settings objects are kept as the raw JSON the client sent, so fields the emulator does not know round-trip verbatim.
/// </summary>
internal sealed class EmulatorState
{
    public Dictionary<string, ProjectState> Projects { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, InfraState> Infras { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, PublishedServiceState> PublishedServices { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, DeploymentState> Deployments { get; init; } = new(StringComparer.Ordinal);
}

internal sealed class ProjectState
{
    public Dictionary<string, ApiServiceState> ApiServices { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Saved model id → active version id (packages pin the version active when they are created).</summary>
    public Dictionary<string, string> ActiveModelVersions { get; init; } = new(StringComparer.Ordinal);
}

internal sealed class ApiServiceState
{
    public required JsonObject Settings { get; set; }

    public List<PackageState> Packages { get; init; } = [];
}

internal sealed class PackageState
{
    public required string Id { get; init; }

    public required long CreatedOn { get; init; }

    public string? ReleaseNotes { get; init; }

    public required byte[] Archive { get; init; }
}

internal sealed class InfraState
{
    public required JsonObject Settings { get; set; }
}

internal sealed class PublishedServiceState
{
    public required JsonObject Settings { get; set; }

    public List<PublishedVersionState> Versions { get; init; } = [];

    public long LastUpdated { get; set; }
}

internal sealed class PublishedVersionState
{
    public required string Id { get; init; }

    public required long PublishedOn { get; init; }

    public required string PublishedBy { get; init; }

    public required byte[] Archive { get; init; }
}

internal sealed class DeploymentState
{
    public required JsonObject Settings { get; set; }

    public List<DeploymentUpdateState> Updates { get; init; } = [];

    /// <summary>What the last successful update put on the API nodes; null until then.</summary>
    public DeployedSnapshot? Deployed { get; set; }
}

internal sealed class DeploymentUpdateState
{
    public const string Running = "RUNNING";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";

    public required long StartTimestamp { get; init; }

    public long? EndTimestamp { get; set; }

    public required string Requester { get; init; }

    public required string Status { get; set; }

    public List<string> LogLines { get; init; } = [];

    public string? Error { get; set; }
}

/// <summary>A deployment as served: its settings at update time and the manifest of every mapped generation.</summary>
internal sealed class DeployedSnapshot
{
    public required JsonObject Settings { get; init; }

    public required Dictionary<string, JsonObject> Generations { get; init; }

    public required long DeployedOn { get; init; }

    /// <summary>Endpoints the emulator cannot execute (code, SQL); they answer 503 like an endpoint that failed to load.</summary>
    public List<string> UnavailableEndpoints { get; init; } = [];
}
