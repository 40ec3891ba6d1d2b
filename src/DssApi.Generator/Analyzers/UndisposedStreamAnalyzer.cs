using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1004: a stream from a member marked <c>[DssStreamOwned]</c> that is dropped, or kept in a
/// local that is neither declared with <c>using</c>, disposed, nor handed on to other code (which
/// then owns it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndisposedStreamAnalyzer : DssAnalyzer
{
    public UndisposedStreamAnalyzer()
        : base(AnalyzerDescriptors.UndisposedStream)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.StreamOwned is null)
        {
            return;
        }

        context.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (DssSymbols.Has(invocation.TargetMethod, symbols.StreamOwned) && IsLeaked(invocation))
                {
                    operation.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.UndisposedStream, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
                }
            },
            OperationKind.Invocation);
    }

    private static bool IsLeaked(IInvocationOperation invocation)
    {
        switch (OperationFacts.ConsumerOf(invocation, out _))
        {
            case IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation }:
                return true;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return !IsUsing(declarator) && !IsDisposedOrHandedOn(declarator.Symbol, declarator);
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                return !IsDisposedOrHandedOn(target.Local, assignment);
            default:
                return false;
        }
    }

    /// <summary>True for <c>using var</c>, <c>await using var</c> and <c>using (var …)</c>.</summary>
    private static bool IsUsing(IVariableDeclaratorOperation declarator)
    {
        var owner = declarator.Parent?.Parent;
        if (owner is IVariableDeclarationGroupOperation)
        {
            owner = owner.Parent;
        }

        return owner is IUsingDeclarationOperation or IUsingOperation;
    }

    /// <summary>Looks at every use of the local in the whole member, lambdas included.</summary>
    private static bool IsDisposedOrHandedOn(ILocalSymbol local, IOperation anywhere)
    {
        var root = anywhere;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return OperationFacts.References(root, local).Any(reference => OperationFacts.UseOf(reference, out var consumer) switch
        {
            LocalUse.Receiver => IsDispose(((IInvocationOperation)consumer!).TargetMethod),
            LocalUse.HandedOn => true,
            _ => false,
        });
    }

    /// <summary><c>Close()</c> disposes a stream as <c>Dispose()</c> does.</summary>
    private static bool IsDispose(IMethodSymbol method) =>
        method.Parameters.Length == 0 && method.Name is nameof(System.IDisposable.Dispose) or "DisposeAsync" or nameof(Stream.Close);
}
