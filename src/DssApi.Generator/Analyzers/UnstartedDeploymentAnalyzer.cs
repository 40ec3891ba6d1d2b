using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1005: a deployment created (a member marked <c>[DssCreatesDeployment]</c>) and kept in a
/// local from which no path starts it (<c>[DssStartsDeployment]</c>) or hands it on; or created
/// and dropped in a member that starts no deployment at all.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnstartedDeploymentAnalyzer : DssAnalyzer
{
    public UnstartedDeploymentAnalyzer()
        : base(AnalyzerDescriptors.UnstartedDeployment)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.CreatesDeployment is null)
        {
            return;
        }

        RegisterBodyAction(
            context,
            operation => DssSymbols.IsCallTo(operation, symbols.CreatesDeployment),
            block =>
            {
                var body = BodyGraphs.Of(block);
                var startsAny = MemberBody.Of(block).Uses.Any(use => DssSymbols.IsCallTo(use, symbols.StartsDeployment));
                foreach (var graph in body.Graphs)
                {
                    foreach (var operation in graph.Operations)
                    {
                        var root = operation.Statement;
                        if (!operation.IsBranchValue && OperationFacts.Unwrap(root) is IInvocationOperation dropped && Creates(symbols, dropped))
                        {
                            if (!startsAny)
                            {
                                Report(block, dropped, ImmutableDictionary<string, string?>.Empty);
                            }
                        }
                        else if (OperationFacts.IsAssignmentToLocal(root, out var local, out var value)
                            && OperationFacts.Unwrap(value) is IInvocationOperation created && Creates(symbols, created)
                            && !body.IsCaptured(local)
                            && !graph.Reaches(operation, o => StartsOrHandsOn(symbols, graph, local, o), o => OperationFacts.Reassigns(o.Operation, local)))
                        {
                            Report(block, created, StartProperties(symbols, local.Type));
                        }
                    }
                }
            });
    }

    private static bool Creates(DssSymbols symbols, IInvocationOperation invocation) => DssSymbols.Has(invocation.TargetMethod, symbols.CreatesDeployment);

    private static bool StartsOrHandsOn(DssSymbols symbols, FlowGraph graph, ILocalSymbol local, FlowOperation operation) =>
        graph.References(operation, local).Any(reference => OperationFacts.UseOf(reference, out var consumer, graph.Model) switch
        {
            LocalUse.Receiver => DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.StartsDeployment),
            LocalUse.HandedOn => true,
            _ => false,
        });

    /// <summary>What the fix calls: the member that starts the deployment, and whether it returns a future to wait for.</summary>
    private static ImmutableDictionary<string, string?> StartProperties(DssSymbols symbols, ITypeSymbol deployment)
    {
        var start = deployment.GetMembers().OfType<IMethodSymbol>()
            .FirstOrDefault(m => DssSymbols.Has(m, symbols.StartsDeployment) && m.Parameters.All(p => p.IsOptional));
        return start is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary.CreateRange(new[]
            {
                new KeyValuePair<string, string?>(AnalyzerDescriptors.MethodProperty, start.Name),
                new KeyValuePair<string, string?>(AnalyzerDescriptors.WaitProperty, DssSymbols.Has(start, symbols.ReturnsFuture) ? "true" : null),
            });
    }

    private static void Report(OperationBlockAnalysisContext context, IInvocationOperation invocation, ImmutableDictionary<string, string?> properties) =>
        context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.UnstartedDeployment, invocation.Syntax.GetLocation(), properties, invocation.TargetMethod.Name));
}
