using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>DSS1009: the transport option that turns off server certificate validation, set to true in code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CertificateValidationAnalyzer : DssAnalyzer
{
    private const string OptionName = "DangerousAcceptAnyServerCertificate";

    public CertificateValidationAnalyzer()
        : base(AnalyzerDescriptors.CertificateValidationOff)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.TransportOptions?.GetMembers(OptionName).OfType<IPropertySymbol>().FirstOrDefault() is not { } option)
        {
            return;
        }

        context.RegisterOperationAction(
            operation =>
            {
                var assignment = (ISimpleAssignmentOperation)operation.Operation;
                if (assignment.Target is IPropertyReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, option)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: true })
                {
                    operation.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CertificateValidationOff, assignment.Syntax.GetLocation(), OptionName));
                }
            },
            OperationKind.SimpleAssignment);
    }
}
