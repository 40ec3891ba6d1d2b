using DssApi.Generator.Diagnostics;
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

    /// <summary>Diagnostic property: the local a fix works on.</summary>
    public const string LocalProperty = "Local";

    /// <summary>Diagnostic property: the method a fix calls.</summary>
    public const string MethodProperty = "Method";

    /// <summary>Diagnostic property, present when the method's future must be waited for.</summary>
    public const string WaitProperty = "Wait";

    private const string Usage = "DssApi.Usage";
    private const string Security = "DssApi.Security";
    private const string Compatibility = "DssApi.Compatibility";

    public static readonly DiagnosticDescriptor SaveWithoutChanges = Create(
        SaveWithoutChangesId,
        "Settings saved without modification",
        "'{0}' is saved, but nothing has modified it since it was loaded or last saved",
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsavedChanges = Create(
        UnsavedChangesId,
        "Settings modified but never saved",
        "'{0}' is modified here, but no path saves it afterwards: the change stays local (call {1})",
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IgnoredFuture = Create(
        IgnoredFutureId,
        "Future of a DSS job ignored",
        "The future returned by '{0}' is neither waited for nor kept: failures of the job go unnoticed",
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UndisposedStream = Create(
        UndisposedStreamId,
        "Download stream not disposed",
        "The stream returned by '{0}' is never disposed: the HTTP connection stays open",
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnstartedDeployment = Create(
        UnstartedDeploymentId,
        "Deployment created but never started",
        "The deployment created by '{0}' is never started: nothing is deployed until an update runs",
        Usage,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor WrongInfraType = Create(
        WrongInfraTypeId,
        "Operation not supported by the infrastructure type",
        "'{0}' applies only to {1} infrastructures, but this one is {2}",
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IgnoredArgument = Create(
        IgnoredArgumentId,
        "Argument ignored for the infrastructure type",
        "DSS ignores '{0}' on {1} infrastructures, and this deployment's infrastructure is one",
        Usage,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ApiKeyLiteral = Create(
        ApiKeyLiteralId,
        "API key written in code",
        "An API key is written as a string literal: read it from configuration or a secret store",
        Security,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor CertificateValidationOff = Create(
        CertificateValidationOffId,
        "Server certificate validation turned off",
        "'{0}' turns off the validation of the server's certificate: requests and the API key can be intercepted",
        Security,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidTrafficSplit = Create(
        InvalidTrafficSplitId,
        "Invalid traffic split",
        "This traffic split is invalid: {0}",
        Usage,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NewerThanTarget = Create(
        NewerThanTargetId,
        "Member newer than the target DSS version",
        "'{0}' needs DSS {1} or later, but the project targets DSS {2}: check the server version first",
        Compatibility,
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: DiagnosticDescriptors.HelpLink(id));
}
