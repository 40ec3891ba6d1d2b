using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1003: the future of a job started by a member marked <c>[DssReturnsFuture]</c> is thrown
/// away (the call, or its await, is a statement of its own) or kept in a local that no path reads
/// (awaiting the local that holds the started task, as a statement, drops the future too).
/// An explicit discard (<c>_ = …</c>) says the caller means it, and is left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IgnoredFutureAnalyzer : DssAnalyzer
{
    public IgnoredFutureAnalyzer()
        : base(AnalyzerDescriptors.IgnoredFuture)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.ReturnsFuture is null)
        {
            return;
        }

        RegisterBodyAction(
            context,
            operation => DssSymbols.IsCallTo(operation, symbols.ReturnsFuture),
            block =>
            {
                var body = BodyGraphs.Of(block);
                foreach (var graph in body.Graphs)
                {
                    foreach (var operation in graph.Operations)
                    {
                        if (!operation.IsBranchValue && OperationFacts.Unwrap(operation.Statement) is IInvocationOperation discarded && StartsJob(symbols, discarded))
                        {
                            Report(block, discarded);
                        }
                        else if (OperationFacts.IsAssignmentToLocal(operation.Operation, out var local, out var value)
                            && OperationFacts.Unwrap(value) is IInvocationOperation kept && StartsJob(symbols, kept)
                            && !body.IsCaptured(local)
                            && !graph.Reaches(operation, o => Reads(graph, local, o), o => OperationFacts.Reassigns(o.Operation, local)))
                        {
                            Report(block, kept);
                        }
                    }
                }
            });
    }

    private static bool StartsJob(DssSymbols symbols, IInvocationOperation invocation) => DssSymbols.Has(invocation.TargetMethod, symbols.ReturnsFuture);

    private static bool Reads(FlowGraph graph, ILocalSymbol local, FlowOperation operation)
    {
        // `await task;` as a statement reads the started task but drops the future it completes with.
        var droppedAwait = !operation.IsBranchValue && operation.Statement is IAwaitOperation ? OperationFacts.Unwrap(operation.Statement) : null;
        foreach (var reference in graph.References(operation, local))
        {
            if (reference != droppedAwait && OperationFacts.UseOf(reference, out _, graph.Model) != LocalUse.Assigned)
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(OperationBlockAnalysisContext context, IInvocationOperation invocation) =>
        context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.IgnoredFuture, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
}
