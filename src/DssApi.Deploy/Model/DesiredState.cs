using System.Text.Json.Nodes;
using DssApi.Deploy.Loading;
using DssApi.Deploy.Planning;

namespace DssApi.Deploy;

/// <summary>
/// What should exist in DSS: API services, infrastructures, published services and deployments. Load it from a
/// JSON or YAML file with <see cref="Load"/>, or build it in code; then <see cref="PlanAsync"/> tells what applying
/// it would change. Any string may hold <c>${ENV_VAR}</c> references, resolved when the plan compares and when a
/// request is sent. Secret fields (those the DSS schema marks secret, such as an API node's <c>adminAPIKey</c>)
/// belong in references, so neither this object nor a plan ever holds their clear text.
/// </summary>
public sealed record DesiredState
{
    /// <summary>The API services of the API Designer.</summary>
    public IReadOnlyList<DesiredApiService> ApiServices { get; init; } = [];

    /// <summary>The infrastructures of the API Deployer.</summary>
    public IReadOnlyList<DesiredInfrastructure> Infrastructures { get; init; } = [];

    /// <summary>Published services whose settings the file manages (publishing creates the others).</summary>
    public IReadOnlyList<DesiredPublishedService> PublishedServices { get; init; } = [];

    /// <summary>The deployments of the API Deployer.</summary>
    public IReadOnlyList<DesiredDeployment> Deployments { get; init; } = [];

    /// <summary>Reads <c>${NAME}</c> references; the process environment unless the loader was given another.</summary>
    internal Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Loads a desired-state file: YAML, or JSON when the name ends in <c>.json</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="environment">Where <c>${NAME}</c> references are looked up; the process environment when null.</param>
    /// <exception cref="DesiredStateException">The file is malformed, names an unknown field, has a value of the wrong type, or refers to an unset variable; every error is located.</exception>
    public static DesiredState Load(string path, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path, environment);
    }

    /// <summary>Reads a desired-state document already in memory; <paramref name="fileName"/> names it in errors and chooses the format.</summary>
    /// <exception cref="DesiredStateException">See <see cref="Load"/>.</exception>
    public static DesiredState Parse(byte[] utf8, string fileName, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(fileName);
        var root = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? JsonSourceReader.Read(fileName, utf8)
            : YamlSourceReader.Read(fileName, System.Text.Encoding.UTF8.GetString(utf8));
        return DesiredStateBinder.Bind(fileName, root, environment ?? System.Environment.GetEnvironmentVariable);
    }

    /// <summary>
    /// Reads DSS and compares it with this desired state: what <see cref="Plan.ApplyAsync"/> would create, update,
    /// publish, deploy or (with <see cref="PlanOptions.Prune"/>) delete. Sends only read requests.
    /// </summary>
    public Task<Plan> PlanAsync(DssClient client, PlanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Planner.PlanAsync(this, client, options ?? new PlanOptions(), cancellationToken);
    }
}

/// <summary>An API service of a project, its endpoints, and the package version that should exist.</summary>
public sealed record DesiredApiService
{
    /// <summary>The key of the project holding the service.</summary>
    public required string Project { get; init; }

    /// <summary>The service id.</summary>
    public required string Id { get; init; }

    /// <summary>How callers authenticate (<c>PUBLIC</c>, <c>API_KEYS</c>, <c>OAUTH2</c>); left as DSS has it when null.</summary>
    public string? AuthMethod { get; init; }

    /// <summary>
    /// The endpoints, each a JSON object with at least <c>id</c> and <c>type</c>. An endpoint is compared field by
    /// field with the one of the same id; fields DSS adds and the file does not mention are left alone.
    /// </summary>
    public IReadOnlyList<JsonObject> Endpoints { get; init; } = [];

    /// <summary>The package version that should exist; none is created when null.</summary>
    public string? Package { get; init; }

    /// <summary>Whether <see cref="Package"/> should be published to the API Deployer (the default).</summary>
    public bool Publish { get; init; } = true;

    /// <summary>The published service to publish to; the service id when null.</summary>
    public string? PublishedServiceId { get; init; }

    /// <summary>The published service this service's packages go to.</summary>
    internal string PublishedServiceIdOrDefault => PublishedServiceId ?? Id;
}

/// <summary>An infrastructure of the API Deployer.</summary>
public sealed record DesiredInfrastructure
{
    /// <summary>The infrastructure id.</summary>
    public required string Id { get; init; }

    /// <summary>The lifecycle stage, e.g. <c>Development</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>The type: <c>STATIC</c>, <c>K8S</c>, <c>AZURE_ML</c> …</summary>
    public required string Type { get; init; }

    /// <summary>
    /// Type-specific settings, e.g. <c>apiNodes</c> of a STATIC infrastructure, compared field by field; a list is
    /// compared item by item. Secret fields (by the DSS schema) are written at creation, and later only with
    /// <see cref="PlanOptions.ResetSecrets"/>.
    /// </summary>
    public JsonObject Settings { get; init; } = [];
}

/// <summary>A published service of the API Deployer whose settings the file manages.</summary>
public sealed record DesiredPublishedService
{
    /// <summary>The published service id.</summary>
    public required string Id { get; init; }

    /// <summary>Settings such as <c>name</c> or <c>permissions</c>, compared field by field.</summary>
    public JsonObject Settings { get; init; } = [];
}

/// <summary>A deployment of a published service on an infrastructure.</summary>
public sealed record DesiredDeployment
{
    /// <summary>The deployment id.</summary>
    public required string Id { get; init; }

    /// <summary>The published service deployed.</summary>
    public required string Service { get; init; }

    /// <summary>The infrastructure deployed on.</summary>
    public required string Infra { get; init; }

    /// <summary>The versions served and their shares of the traffic; one entry of share 1 serves a single version.</summary>
    public required IReadOnlyList<TrafficShare> Traffic { get; init; }

    /// <summary>How a query picks a version when several share the traffic: <c>RANDOM</c> (the default) or <c>HASH_BASED</c>.</summary>
    public string Strategy { get; init; } = "RANDOM";

    /// <summary>Whether the deployment is enabled (the default).</summary>
    public bool Enabled { get; init; } = true;
}

/// <summary>A version of a published service and the share of the traffic it gets (0 to 1).</summary>
public sealed record TrafficShare(string Version, double Share);
