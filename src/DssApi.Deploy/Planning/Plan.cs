using System.Text.Json.Nodes;

namespace DssApi.Deploy;

/// <summary>The kinds of DSS object a desired state manages.</summary>
public enum ObjectKind
{
    /// <summary>An API service of the API Designer.</summary>
    ApiService,

    /// <summary>An endpoint of an API service.</summary>
    Endpoint,

    /// <summary>A package (version) of an API service.</summary>
    Package,

    /// <summary>An infrastructure of the API Deployer.</summary>
    Infrastructure,

    /// <summary>A published service of the API Deployer.</summary>
    PublishedService,

    /// <summary>A deployment of the API Deployer.</summary>
    Deployment,
}

/// <summary>What applying a plan does to one object.</summary>
public enum ChangeAction
{
    /// <summary>Nothing: the object is as the file describes it.</summary>
    None,

    /// <summary>Create the object (and give it the settings of the file).</summary>
    Create,

    /// <summary>Save the settings that differ.</summary>
    Update,

    /// <summary>Publish a package to the API Deployer.</summary>
    Publish,

    /// <summary>Start an update of a deployment and wait for it.</summary>
    Deploy,

    /// <summary>Delete an object the file does not describe (only with <see cref="PlanOptions.Prune"/>).</summary>
    Delete,
}

/// <summary>
/// One field whose value apply changes; values are JSON text, with the file's <c>${NAME}</c> references resolved,
/// except in secret fields: those show their reference, or <c>(secret)</c>.
/// </summary>
/// <param name="Path">The field, e.g. <c>endpoints[id=churn].modelRef</c>.</param>
/// <param name="Current">DSS's value; null when DSS has none.</param>
/// <param name="Desired">The file's value; null when the field goes away.</param>
public sealed record FieldChange(string Path, string? Current, string? Desired);

/// <summary>What apply does to one object, and, for an update, the fields that differ.</summary>
public sealed record PlannedChange
{
    /// <summary>The kind of object.</summary>
    public required ObjectKind Kind { get; init; }

    /// <summary>The object's id (<c>service/version</c> for a package, <c>service/endpoint</c> for an endpoint).</summary>
    public required string Id { get; init; }

    /// <summary>What apply does.</summary>
    public required ChangeAction Action { get; init; }

    /// <summary>The fields that differ (for a creation: the fields the file sets).</summary>
    public IReadOnlyList<FieldChange> Fields { get; init; } = [];

    /// <summary>
    /// Secret fields DSS keeps in a form that cannot be compared: reported as unknown and unchanged, and written
    /// only at creation or with <see cref="PlanOptions.ResetSecrets"/>.
    /// </summary>
    public IReadOnlyList<string> SecretsLeftAlone { get; init; } = [];

    /// <summary>
    /// What the file should do otherwise, e.g. a secret written as a literal value instead of a <c>${NAME}</c>
    /// reference; a warning names the field, never the secret.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Carries the change out; null for <see cref="ChangeAction.None"/>.</summary>
    internal Func<ApplyContext, Task>? Execute { get; init; }

    /// <summary>One line: <c>update infrastructure dev</c>.</summary>
    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {Describe(Kind)} {Id}";

    internal static string Describe(ObjectKind kind) => kind switch
    {
        ObjectKind.ApiService => "API service",
        ObjectKind.PublishedService => "published service",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>An object DSS has and the file does not describe.</summary>
/// <param name="Kind">The kind of object.</param>
/// <param name="Id">Its id.</param>
/// <param name="WillBeDeleted">Whether apply deletes it (with <see cref="PlanOptions.Prune"/>, for the kinds that can be deleted).</param>
public sealed record UnmanagedObject(ObjectKind Kind, string Id, bool WillBeDeleted);

/// <summary>How a plan is made.</summary>
public sealed class PlanOptions
{
    /// <summary>Delete the deployments, published services and infrastructures, and remove the endpoints, that DSS has and the file does not describe.</summary>
    public bool Prune { get; set; }

    /// <summary>Write every secret of the file again, although DSS's encrypted form cannot tell whether it changed.</summary>
    public bool ResetSecrets { get; set; }

    /// <summary>How long apply waits for each deployment update.</summary>
    public TimeSpan UpdateTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>One step of an apply, as reported to its progress.</summary>
/// <param name="Change">The change being carried out.</param>
/// <param name="Message">What is happening, e.g. <c>update 3fz1: Deploying to API nodes</c>.</param>
public sealed record ApplyProgress(PlannedChange Change, string Message);

/// <summary>
/// What applying a desired state would change, per object, in the order apply carries it out (infrastructures,
/// API services, packages, published services, publications, deployments, updates, deletions).
/// </summary>
public sealed class Plan
{
    private readonly DssClient _client;
    private readonly DesiredState _state;
    private readonly PlanOptions _options;

    internal Plan(DssClient client, DesiredState state, PlanOptions options, IReadOnlyList<PlannedChange> changes, IReadOnlyList<UnmanagedObject> notInFile)
    {
        _client = client;
        _state = state;
        _options = options;
        Changes = changes;
        NotInFile = notInFile;
    }

    /// <summary>Every object of the file, and every deletion, with what apply does to it.</summary>
    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>Objects DSS has and the file does not describe.</summary>
    public IReadOnlyList<UnmanagedObject> NotInFile { get; }

    /// <summary>Whether apply would send any write request.</summary>
    public bool HasChanges => Changes.Any(change => change.Action != ChangeAction.None);

    /// <summary>
    /// Carries the plan out in order, waiting for each deployment update. Stops at the first failure with a
    /// <see cref="DesiredStateApplyException"/> naming the object; applying the file again after fixing the cause
    /// converges.
    /// </summary>
    public async Task ApplyAsync(IProgress<ApplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        foreach (var change in Changes.Where(change => change.Execute is not null))
        {
            var context = new ApplyContext(_client, _state, _options, change, progress, cancellationToken);
            context.Report("started");
            try
            {
                await change.Execute!(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new DesiredStateApplyException(change, exception);
            }

            context.Report("done");
        }
    }

    /// <summary>The plan as data: what <c>dssapi plan --output json</c> prints.</summary>
    public JsonObject ToJson() => new()
    {
        ["hasChanges"] = HasChanges,
        ["changes"] = new JsonArray([.. Changes.Select(change => (JsonNode)new JsonObject
        {
            ["kind"] = change.Kind.ToString(),
            ["id"] = change.Id,
            ["action"] = change.Action.ToString(),
            ["fields"] = new JsonArray([.. change.Fields.Select(field => (JsonNode)new JsonObject
            {
                ["path"] = field.Path,
                ["current"] = field.Current,
                ["desired"] = field.Desired,
            })]),
            ["secretsLeftAlone"] = new JsonArray([.. change.SecretsLeftAlone.Select(path => (JsonNode)path)]),
            ["warnings"] = new JsonArray([.. change.Warnings.Select(warning => (JsonNode)warning)]),
        })]),
        ["notInFile"] = new JsonArray([.. NotInFile.Select(item => (JsonNode)new JsonObject
        {
            ["kind"] = item.Kind.ToString(),
            ["id"] = item.Id,
            ["willBeDeleted"] = item.WillBeDeleted,
        })]),
    };
}

/// <summary>A step of an apply that failed: <see cref="Change"/> names the object, the message says what to check.</summary>
public sealed class DesiredStateApplyException : Exception
{
    /// <summary>Wraps the failure of <paramref name="change"/>.</summary>
    public DesiredStateApplyException(PlannedChange change, Exception innerException)
        : base($"Could not {change}: {innerException?.Message} Check the {PlannedChange.Describe(change.Kind)} in DSS and in the file, then apply again.", innerException)
    {
        Change = change;
    }

    /// <summary>The change that failed.</summary>
    public PlannedChange Change { get; }
}

/// <summary>What a change needs while it is carried out.</summary>
internal sealed record ApplyContext(DssClient Client, DesiredState State, PlanOptions Options, PlannedChange Change,
    IProgress<ApplyProgress>? Progress, CancellationToken CancellationToken)
{
    public void Report(string message) => Progress?.Report(new ApplyProgress(Change, message));
}
