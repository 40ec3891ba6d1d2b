using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports: about schema files (the first message argument is always the file name and line, which the message ends with for IDE lists that show no location; the compiler prints the full position before the message), and about its MSBuild properties.</summary>
public static class DiagnosticDescriptors
{
    public const string MalformedJsonId = "DSSG001";
    public const string UnknownConstructId = "DSSG002";
    public const string UnknownTypeId = "DSSG003";
    public const string DuplicateNameId = "DSSG004";
    public const string MissingPathParameterId = "DSSG005";
    public const string InvalidIdentifierId = "DSSG006";
    public const string ConflictingExtensionId = "DSSG007";
    public const string InvalidNamespaceId = "DSSG008";
    public const string InvalidTargetVersionId = "DSSG009";
    public const string InvalidAccessibilityId = "DSSG010";
    public const string LanguageVersionTooLowId = "DSSG100";

    // OpenAPI documents of deployed services (DssApiServiceClient additional files): ids from DSSG101.
    public const string UnreadableOpenApiId = "DSSG101";
    public const string UntypedOpenApiConstructId = "DSSG102";
    public const string InvalidServiceClientNameId = "DSSG103";

    private const string Category = "DssApi.Schema";

    public static readonly DiagnosticDescriptor MalformedJson = Create(
        MalformedJsonId,
        "Schema file is not valid JSON",
        "The schema file is not valid JSON: {1} ({0})");

    public static readonly DiagnosticDescriptor UnknownConstruct = Create(
        UnknownConstructId,
        "Unknown or misshapen schema construct",
        "{1} ({0})");

    public static readonly DiagnosticDescriptor UnknownType = Create(
        UnknownTypeId,
        "Unknown type reference",
        "'{1}' names no type of the schema: use a built-in type (string, bool, integer, number, json) or an enum, record, settings or union declared in a schema file ({0})");

    public static readonly DiagnosticDescriptor DuplicateName = Create(
        DuplicateNameId,
        "Duplicate name",
        "{1} '{2}' is declared more than once ({0})");

    public static readonly DiagnosticDescriptor MissingPathParameter = Create(
        MissingPathParameterId,
        "Path parameter has no value",
        "'{{{1}}}' is neither an identity parameter nor a parameter of '{2}' ({0})");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Create(
        InvalidIdentifierId,
        "Invalid .NET identifier",
        "'{1}' is not a valid C# identifier ({0})");

    public static readonly DiagnosticDescriptor ConflictingExtension = Create(
        ConflictingExtensionId,
        "Conflicting schema extension",
        "{1} '{2}' is already declared differently at {3} ({0})");

    private const string OpenApiCategory = "DssApi.OpenApi";

    public static readonly DiagnosticDescriptor UnreadableOpenApi = new(
        UnreadableOpenApiId,
        "OpenAPI document cannot be read",
        "No client is generated from this OpenAPI document: {1} ({0})",
        OpenApiCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(UnreadableOpenApiId));

    public static readonly DiagnosticDescriptor UntypedOpenApiConstruct = new(
        UntypedOpenApiConstructId,
        "OpenAPI construct not typed",
        "{1} ({0})",
        OpenApiCategory, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink(UntypedOpenApiConstructId));

    public static readonly DiagnosticDescriptor InvalidServiceClientName = new(
        InvalidServiceClientNameId,
        "Invalid DssApiServiceClient name",
        "The DssApiServiceClient metadata is '{1}', which is not a C# identifier: name the client, such as ChurnScoring for ChurnScoringClient ({0})",
        OpenApiCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(InvalidServiceClientNameId));

    // Configuration problems: MSBuild properties with values the generator cannot use. Not located in a file.
    private const string ConfigurationCategory = "DssApi.Configuration";

    public static readonly DiagnosticDescriptor InvalidNamespace = CreateConfiguration(
        InvalidNamespaceId,
        "Invalid DssApiNamespace",
        "The MSBuild property DssApiNamespace is '{0}', which is not a C# namespace: give identifiers separated by dots, such as Acme.Dss. The generated types are in the namespace DssApi until it is fixed.");

    public static readonly DiagnosticDescriptor InvalidTargetVersion = CreateConfiguration(
        InvalidTargetVersionId,
        "Invalid DssApiTargetVersion",
        "The MSBuild property DssApiTargetVersion is '{0}', which is not a DSS version: give numbers separated by dots, such as 13.2 or 12.4.0. It is ignored until it is fixed, so every member that needs a newer DSS is marked for DSS1011.");

    public static readonly DiagnosticDescriptor InvalidAccessibility = CreateConfiguration(
        InvalidAccessibilityId,
        "Invalid DssApiAccessibility",
        "The MSBuild property DssApiAccessibility is '{0}', which is not an accessibility of the generated types: give public or internal. The generated types are internal until it is fixed.");

    /// <summary>About the project, not a schema file: it has no location.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        LanguageVersionTooLowId,
        "C# version too low for the generated code",
        "The code DssApi generates needs C# {0} or later, and this project compiles as C# {1}: set <LangVersion>{0}</LangVersion> (or later) in the project file",
        "DssApi.Compatibility",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(LanguageVersionTooLowId));

    /// <summary>Where the documentation pages of the diagnostics (docs/diagnostics/ID.md) are published.</summary>
    public const string HelpLinkBase = Repository.Url + "/blob/main/docs/diagnostics/";

    public static string HelpLink(string id) => $"{HelpLinkBase}{id}.md";

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        MalformedJsonId => MalformedJson,
        UnknownConstructId => UnknownConstruct,
        UnknownTypeId => UnknownType,
        DuplicateNameId => DuplicateName,
        MissingPathParameterId => MissingPathParameter,
        InvalidIdentifierId => InvalidIdentifier,
        InvalidNamespaceId => InvalidNamespace,
        InvalidTargetVersionId => InvalidTargetVersion,
        InvalidAccessibilityId => InvalidAccessibility,
        UnreadableOpenApiId => UnreadableOpenApi,
        UntypedOpenApiConstructId => UntypedOpenApiConstruct,
        InvalidServiceClientNameId => InvalidServiceClientName,
        LanguageVersionTooLowId => LanguageVersionTooLow,
        _ => ConflictingExtension,
    };

    private static DiagnosticDescriptor CreateConfiguration(string id, string title, string message) =>
        new(id, title, message, ConfigurationCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
