using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1009: the transport option that turns off server certificate validation, set to true in
/// code; or an <c>HttpClientHandler</c> given to DssApi's transport options whose certificate
/// callback accepts every certificate (<c>DangerousAcceptAnyServerCertificateValidator</c>, or a
/// lambda that returns <c>true</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CertificateValidationAnalyzer : DssAnalyzer
{
    private const string OptionName = "DangerousAcceptAnyServerCertificate";
    private const string CallbackName = "ServerCertificateCustomValidationCallback";

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

        var callback = context.Compilation.GetTypeByMetadataName("System.Net.Http.HttpClientHandler")?.GetMembers(CallbackName).OfType<IPropertySymbol>().FirstOrDefault();
        context.RegisterOperationAction(
            operation =>
            {
                var assignment = (ISimpleAssignmentOperation)operation.Operation;
                if (assignment.Target is not IPropertyReferenceOperation target)
                {
                    return;
                }

                if (SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, option)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: true })
                {
                    operation.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CertificateValidationOff, assignment.Syntax.GetLocation(), OptionName));
                }
                else if (callback is not null && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, callback)
                    && AcceptsAny(assignment.Value) && target.Instance is { } handler && IsGivenToTransport(handler, symbols.TransportOptions!))
                {
                    operation.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CertificateValidationOff, assignment.Syntax.GetLocation(), CallbackName));
                }
            },
            OperationKind.SimpleAssignment);
    }

    /// <summary>True for <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c>, or a lambda whose every return is <c>true</c>.</summary>
    private static bool AcceptsAny(IOperation value)
    {
        switch (OperationFacts.Unwrap(value))
        {
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "DangerousAcceptAnyServerCertificateValidator" } }:
                return true;
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                var returns = lambda.Body.Descendants().OfType<IReturnOperation>().ToList();
                return returns.Count > 0 && returns.All(r => r.ReturnedValue?.ConstantValue is { HasValue: true, Value: true });
            default:
                return false;
        }
    }

    /// <summary>
    /// True when the handler (a local, or the object an initializer sets up) ends up, in this
    /// member, in the value assigned to a transport option (<c>HttpMessageHandler = handler</c>,
    /// <c>HttpClient = new HttpClient(handler)</c>). A handler used elsewhere is not DssApi's concern.
    /// </summary>
    private static bool IsGivenToTransport(IOperation handler, INamedTypeSymbol transportOptions)
    {
        var owner = handler is IInstanceReferenceOperation ? Ancestor<IObjectCreationOperation>(handler) : handler;
        if (owner is null)
        {
            return false;
        }

        if (IsAssignedToTransport(owner, transportOptions))
        {
            return true;
        }

        ILocalSymbol? local = owner switch
        {
            ILocalReferenceOperation reference => reference.Local,
            _ => OperationFacts.ConsumerOf(owner, out _) switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            },
        };
        var root = owner;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return local is not null && OperationFacts.References(root, local).Any(reference => IsAssignedToTransport(reference, transportOptions));
    }

    private static bool IsAssignedToTransport(IOperation value, INamedTypeSymbol transportOptions)
    {
        for (var child = value; child.Parent is { } parent; child = parent)
        {
            if (parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation option } assignment && assignment.Value == child
                && DssSymbols.DerivesFrom(option.Property.ContainingType, transportOptions))
            {
                return true;
            }
        }

        return false;
    }

    private static T? Ancestor<T>(IOperation operation)
        where T : class, IOperation
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
