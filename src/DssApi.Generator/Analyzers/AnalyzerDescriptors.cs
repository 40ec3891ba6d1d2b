using DssApi.Generator.Diagnostics;
using System.Resources;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Analyzers;

/// <summary>Every diagnostic the analyzers report about C# code that uses the DSS API; the ids are what code fixes and .editorconfig name.</summary>
public static class AnalyzerDescriptors
{
    public const string SaveWithoutChangesId = "DSS1001";
    public const string UnsavedChangesId = "DSS1002";
    public const string IgnoredFutureId = "DSS1003";
    public const string UndisposedStreamId = "DSS1004";
    public const string UnstartedDeploymentId = "DSS1005";
    public const string WrongInfraTypeId = "DSS1006";
    public const string IgnoredArgumentId = "DSS1007";
    public const string ApiKeyLiteralId = "DSS1008";
    public const string CertificateValidationOffId = "DSS1009";
    public const string InvalidTrafficSplitId = "DSS1010";
    public const string NewerThanTargetId = "DSS1011";
    public const string UnlistedFeatureId = "DSS1012";

    /// <summary>Diagnostic property: the local a fix works on.</summary>
    public const string LocalProperty = "Local";

    /// <summary>Diagnostic property: the method a fix calls.</summary>
    public const string MethodProperty = "Method";

    /// <summary>Diagnostic property, present when the method's future must be waited for.</summary>
    public const string WaitProperty = "Wait";

    /// <summary>Diagnostic property of DSS1012: the known feature name closest to the one reported.</summary>
    public const string ClosestProperty = "Closest";

    /// <summary>Diagnostic property of DSS1012, present when the service document gives a typed client: its name without the <c>Client</c> suffix.</summary>
    public const string ClientProperty = "Client";

    /// <summary>Diagnostic property of DSS1012: the typed client's property of the endpoint called.</summary>
    public const string EndpointProperty = "Endpoint";

    /// <summary>The texts, in a resource file so that they can be translated; declared before the descriptors, which read it as they are built.</summary>
    private static readonly ResourceManager Resources = new("DssApi.Generator.Analyzers.AnalyzerResources", typeof(AnalyzerDescriptors).Assembly);

    private const string Usage = "DssApi.Usage";
    private const string Security = "DssApi.Security";
    private const string Compatibility = "DssApi.Compatibility";

    public static readonly DiagnosticDescriptor SaveWithoutChanges = Create(
        SaveWithoutChangesId,
        nameof(SaveWithoutChanges),
        Usage,
        DiagnosticSeverity.Warning,
        unnecessary: true);

    public static readonly DiagnosticDescriptor UnsavedChanges = Create(
        UnsavedChangesId,
        nameof(UnsavedChanges),
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IgnoredFuture = Create(
        IgnoredFutureId,
        nameof(IgnoredFuture),
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UndisposedStream = Create(
        UndisposedStreamId,
        nameof(UndisposedStream),
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnstartedDeployment = Create(
        UnstartedDeploymentId,
        nameof(UnstartedDeployment),
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor WrongInfraType = Create(
        WrongInfraTypeId,
        nameof(WrongInfraType),
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IgnoredArgument = Create(
        IgnoredArgumentId,
        nameof(IgnoredArgument),
        Usage,
        DiagnosticSeverity.Warning,
        unnecessary: true);

    public static readonly DiagnosticDescriptor ApiKeyLiteral = Create(
        ApiKeyLiteralId,
        nameof(ApiKeyLiteral),
        Security,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor CertificateValidationOff = Create(
        CertificateValidationOffId,
        nameof(CertificateValidationOff),
        Security,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidTrafficSplit = Create(
        InvalidTrafficSplitId,
        nameof(InvalidTrafficSplit),
        Usage,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NewerThanTarget = Create(
        NewerThanTargetId,
        nameof(NewerThanTarget),
        Compatibility,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnlistedFeature = Create(
        UnlistedFeatureId,
        nameof(UnlistedFeature),
        Usage,
        DiagnosticSeverity.Warning);

    /// <summary>DSS1012 too: the same rule read from the same document, about a feature's value rather than its name.</summary>
    public static readonly DiagnosticDescriptor FeatureOfWrongKind = Create(
        UnlistedFeatureId,
        nameof(FeatureOfWrongKind),
        Usage,
        DiagnosticSeverity.Warning);

    /// <summary>
    /// A descriptor whose title, message and description are the resources <c>{name}Title</c>,
    /// <c>{name}Message</c> and <c>{name}Description</c>. An <paramref name="unnecessary"/> one
    /// marks code that can go, which IDEs fade.
    /// </summary>
    private static DiagnosticDescriptor Create(string id, string name, string category, DiagnosticSeverity severity, bool unnecessary = false) =>
        new(
            id,
            Text(name + "Title"),
            Text(name + "Message"),
            category,
            severity,
            isEnabledByDefault: true,
            description: Text(name + "Description"),
            helpLinkUri: DiagnosticDescriptors.HelpLink(id),
            customTags: unnecessary ? new[] { WellKnownDiagnosticTags.Unnecessary } : []);

    private static LocalizableResourceString Text(string name) => new(name, Resources, typeof(AnalyzerDescriptors));
}
