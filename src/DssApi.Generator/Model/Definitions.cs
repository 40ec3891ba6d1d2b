using DssApi.Generator.Diagnostics;

namespace DssApi.Generator.Model;

// The schema as equatable data. "Fingerprint" is the compact JSON text a definition was read from:
// two schema files may repeat a definition verbatim, but not change it.

/// <summary>What one schema file declares, plus the errors found while reading it.</summary>
internal sealed record SchemaDocument(
    string Path,
    bool IsDefault,
    EquatableArray<EnumDef> Enums,
    EquatableArray<ObjectDef> Objects,
    EquatableArray<HandleDef> Handles,
    SlowRouteTimeout? SlowRouteTimeout,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The per-attempt timeout of slow routes when the client's options give none, declared once for all schema files.</summary>
internal sealed record SlowRouteTimeout(int Seconds, SourceLocation Location);

internal sealed record EnumDef(
    string Name,
    string? Description,
    string? Since,
    EquatableArray<EnumValueDef> Values,
    SourceLocation Location);

internal sealed record EnumValueDef(string Wire, string Name, string? Description, string? Since, string Fingerprint, SourceLocation Location);

internal enum ObjectKind
{
    /// <summary>Read-only data the server sends.</summary>
    Record,

    /// <summary>An editable object kept as the JSON the server sent.</summary>
    Settings,

    /// <summary>Objects of several shapes told apart by one field.</summary>
    Union,
}

internal sealed record ObjectDef(
    string Name,
    ObjectKind Kind,
    bool Editable,
    string? Description,
    string? Since,
    EquatableArray<FieldDef> Fields,
    EquatableArray<MutatorDef> Mutators,
    EquatableArray<ComputedDef> Computed,
    EquatableArray<ParamDef> Identity,
    RouteDef? Save,
    UnionDef? Union,
    EquatableArray<string> InfraTypes,
    SourceLocation Location);

internal sealed record UnionDef(string Discriminator, string DiscriminatorType, EquatableArray<CaseDef> Cases);

internal sealed record CaseDef(
    string Wire,
    string Name,
    string? Description,
    string? Since,
    EquatableArray<FieldDef> Fields,
    EquatableArray<MutatorDef> Mutators,
    EquatableArray<ComputedDef> Computed,
    EquatableArray<string> InfraTypes,
    string Fingerprint,
    SourceLocation Location);

/// <summary>
/// A method whose value a hand-written runtime helper computes from the object's JSON, or, with a
/// <see cref="Link"/>, a handle (or a route of the handle that read the object) found from it.
/// </summary>
/// <param name="ReturnsDescription">What the member gives back, as its <c>returns</c> doc says; null to describe it from the returned type.</param>
internal sealed record ComputedDef(
    string Name,
    string Returns,
    string? Helper,
    string? Description,
    string? ReturnsDescription,
    string? Since,
    string Fingerprint,
    SourceLocation Location)
{
    public HandleLink? Link { get; init; }
}

/// <summary>How a computed member leads to a handle.</summary>
internal enum HandleLinkKind
{
    /// <summary>A handle whose identity values are read from the object (or from each item of <see cref="HandleLink.Each"/>).</summary>
    Handle,

    /// <summary>The future of a job whose id is read from the object.</summary>
    Future,

    /// <summary>A route of the handle that read the object, with arguments read from the object.</summary>
    Route,
}

/// <summary>
/// The handle a computed member leads to: <see cref="Target"/> is the handle (the origin handle for
/// a route); <see cref="Values"/> map identity values or route arguments to JSON pointers (with the
/// route parameter's type once resolved); <see cref="Each"/> points at a list whose items each give a
/// handle, filtered by the optional string parameters of <see cref="Where"/> (parameter → item member).
/// </summary>
internal sealed record HandleLink(
    HandleLinkKind Kind,
    string Target,
    EquatableArray<LinkValue> Values,
    string? Each,
    EquatableArray<LinkValue> Where,
    string? Route);

/// <summary>A value read from the object's JSON at <see cref="Pointer"/>, for the identity value or parameter <see cref="Name"/>.</summary>
internal sealed record LinkValue(string Name, string Pointer, string Type);

/// <param name="Secret">DSS answers the field encrypted (a credential); a clear value written to it replaces the secret.</param>
internal sealed record FieldDef(
    string Wire,
    string Name,
    string Type,
    bool Required,
    bool Secret,
    string? Description,
    string? Since,
    EquatableArray<string> InfraTypes,
    string Fingerprint,
    SourceLocation Location,
    SourceLocation TypeLocation);

internal sealed record ParamDef(
    string Name,
    string Type,
    bool Optional,
    string? DefaultJson,
    string? Description,
    bool NonEmpty,
    string? SumsToOne,
    string? ItemsHave,
    EquatableArray<string> IgnoredForInfraTypes,
    SourceLocation Location,
    SourceLocation TypeLocation);

internal enum MutatorKind
{
    /// <summary>Appends a new object, built from a template, to a list field.</summary>
    Append,

    /// <summary>Sets fields of the object from a template.</summary>
    Set,

    /// <summary>Removes the items of a list field that match a template.</summary>
    Remove,
}

internal sealed record MutatorDef(
    string Name,
    MutatorKind Kind,
    string? Target,
    EquatableArray<ParamDef> Params,
    string TemplateJson,
    string? Description,
    string? Since,
    EquatableArray<string> InfraTypes,
    string Fingerprint,
    SourceLocation Location);

/// <summary>What a route gives back.</summary>
internal enum ReturnKind
{
    Empty,
    Text,
    JsonText,
    Stream,
    Download,
    Json,
    Type,
    List,
    Future,
    Handle,
}

/// <param name="ReturnsDescription">What the route gives back, as its <c>returns</c> doc says; null to describe it from the returned type.</param>
internal sealed record RouteDef(
    string Name,
    string Method,
    string Path,
    EquatableArray<ParamDef> Params,
    string? QueryJson,
    string? BodyJson,
    string? FileParam,
    string? FileNameParam,
    ReturnKind Returns,
    string? ReturnType,
    string? Pick,
    string? DownloadParam,
    EquatableArray<CombinePart> Combine,
    string? Description,
    string? ReturnsDescription,
    string? Since,
    EquatableArray<string> Effects,
    EquatableArray<string> InfraTypes,
    OnceDef? Once,
    RecoverDef? Recover,
    GuardDef? Guard,
    bool Slow,
    string Fingerprint,
    SourceLocation Location,
    SourceLocation PathLocation);

/// <summary>
/// A route that creates or starts something and must not do it twice: after an ambiguous failure,
/// DSS is asked whether it took effect (<see cref="ExistsPath"/> answers, or lists
/// <see cref="ListsId"/>), else the outcome is unknown and <see cref="Check"/> says what to look at.
/// </summary>
internal sealed record OnceDef(
    string? ExistsPath,
    string? ListsId,
    string? ListMember,
    EquatableArray<Fallback> Fallbacks,
    string Check,
    SourceLocation Location);

/// <summary>In the checks of <see cref="OnceDef"/>, a parameter left out (null) stands for another one.</summary>
internal sealed record Fallback(string Param, string Replacement);

/// <summary>Where a future route learns how its job went when the job's own result is lost in transit.</summary>
internal sealed record RecoverDef(string Path, string StatusMember, string Succeeded, string Failed, SourceLocation Location);

/// <summary>
/// A check made before a route is sent: the route <see cref="Read"/> of the same handle is called, and
/// when the flag at <see cref="When"/> (a JSON pointer into its answer) is true, the route fails with
/// <see cref="Message"/>, unless the bool parameter <see cref="Unless"/> is true: then the settings
/// that <see cref="FixSettings"/> reads get the members of <see cref="FixSetJson"/> and are saved first.
/// </summary>
internal sealed record GuardDef(string Read, string When, string Unless, string Message, string FixSettings, string FixSetJson, SourceLocation Location);

/// <summary>One member of a combined route's result: the JSON name and the route whose result goes there.</summary>
internal sealed record CombinePart(string Key, string Route);

internal sealed record FactoryDef(
    string Name,
    string Target,
    bool IsFuture,
    EquatableArray<ParamDef> Params,
    string? Description,
    string? Since,
    string Fingerprint,
    SourceLocation Location);

/// <summary>A handle on a DSS object, or one of the runtime clients (whose members become extension methods).</summary>
internal sealed record HandleDef(
    string Name,
    bool IsClient,
    string? Description,
    EquatableArray<ParamDef> Identity,
    EquatableArray<FactoryDef> Factories,
    EquatableArray<RouteDef> Routes,
    SourceLocation Location);
