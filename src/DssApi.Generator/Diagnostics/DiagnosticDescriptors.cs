using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. For those about schema files the first message argument is always "file(line,column)".</summary>
public static class DiagnosticDescriptors
{
    public const string MalformedJsonId = "DSSG001";
    public const string UnknownConstructId = "DSSG002";
    public const string UnknownTypeId = "DSSG003";
    public const string DuplicateNameId = "DSSG004";
    public const string MissingPathParameterId = "DSSG005";
    public const string InvalidIdentifierId = "DSSG006";
    public const string ConflictingExtensionId = "DSSG007";
    public const string LanguageVersionTooLowId = "DSSG100";

    private const string Category = "DssApi.Schema";

    public static readonly DiagnosticDescriptor MalformedJson = Create(
        MalformedJsonId,
        "Schema file is not valid JSON",
        "{0}: the schema file is not valid JSON: {1}");

    public static readonly DiagnosticDescriptor UnknownConstruct = Create(
        UnknownConstructId,
        "Unknown or misshapen schema construct",
        "{0}: {1}");

    public static readonly DiagnosticDescriptor UnknownType = Create(
        UnknownTypeId,
        "Unknown type reference",
        "{0}: '{1}' names no type of the schema: use a built-in type (string, bool, integer, number, json) or an enum, record, settings or union declared in a schema file");

    public static readonly DiagnosticDescriptor DuplicateName = Create(
        DuplicateNameId,
        "Duplicate name",
        "{0}: {1} '{2}' is declared more than once");

    public static readonly DiagnosticDescriptor MissingPathParameter = Create(
        MissingPathParameterId,
        "Path parameter has no value",
        "{0}: '{{{1}}}' is neither an identity parameter nor a parameter of '{2}'");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Create(
        InvalidIdentifierId,
        "Invalid .NET identifier",
        "{0}: '{1}' is not a valid C# identifier");

    public static readonly DiagnosticDescriptor ConflictingExtension = Create(
        ConflictingExtensionId,
        "Conflicting schema extension",
        "{0}: {1} '{2}' is already declared differently at {3}");

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
    public const string HelpLinkBase = "https://github.com/dssapi/dssapi/blob/main/docs/diagnostics/";

    public static string HelpLink(string id) => $"{HelpLinkBase}{id}.md";

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        MalformedJsonId => MalformedJson,
        UnknownConstructId => UnknownConstruct,
        UnknownTypeId => UnknownType,
        DuplicateNameId => DuplicateName,
        MissingPathParameterId => MissingPathParameter,
        InvalidIdentifierId => InvalidIdentifier,
        LanguageVersionTooLowId => LanguageVersionTooLow,
        _ => ConflictingExtension,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
