using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1002: settings loaded in a member and modified (through a member marked
/// <c>[DssMutates]</c>) with no path on to a save. Settings handed on (returned, stored, passed)
/// are someone else's to save, so any path to such a use counts as saving them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsavedChangesAnalyzer : DssAnalyzer
{
    public UnsavedChangesAnalyzer()
        : base(AnalyzerDescriptors.UnsavedChanges)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.Mutates is null)
        {
            return;
        }

        RegisterBodyAction(
            context,
            operation => operation switch
            {
                IInvocationOperation invocation => DssSymbols.Has(invocation.TargetMethod, symbols.Mutates),
                IPropertyReferenceOperation property => DssSymbols.Has(property.Property, symbols.Mutates),
                _ => false,
            },
            block =>
            {
                var body = BodyGraphs.Create(block);
                foreach (var graph in body.Graphs)
                {
                    foreach (var local in graph.DeclaredLocals.Where(l => symbols.IsSettings(l.Type) && !body.IsCaptured(l)))
                    {
                        Analyze(block, symbols, graph, local);
                    }
                }
            },
            OperationKind.Invocation,
            OperationKind.PropertyReference);
    }

    private static void Analyze(OperationBlockAnalysisContext context, DssSymbols symbols, FlowGraph graph, ILocalSymbol local)
    {
        var loaded = graph.Operations.Any(o => OperationFacts.IsAssignmentToLocal(o.Operation, out var assigned, out var value)
            && SymbolEqualityComparer.Default.Equals(assigned, local) && symbols.IsLoad(value));
        if (!loaded)
        {
            return;
        }

        var lastUnsaved = graph.Operations
            .Select(o => (Flow: o, Change: Modification(symbols, local, o.Operation)))
            .Where(o => o.Change is not null && !graph.Reaches(o.Flow, operation => SavesOrHandsOn(symbols, local, operation), operation => OperationFacts.Reassigns(operation, local)))
            .Select(o => o.Change!)
            .OrderBy(change => change.Syntax.SpanStart)
            .LastOrDefault();
        if (lastUnsaved is not null)
        {
            var save = local.Type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => DssSymbols.Has(m, symbols.Saves))?.Name ?? "SaveAsync";
            var properties = ImmutableDictionary.CreateRange(new[]
            {
                new KeyValuePair<string, string?>(AnalyzerDescriptors.LocalProperty, local.Name),
                new KeyValuePair<string, string?>(AnalyzerDescriptors.MethodProperty, save),
            });
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.UnsavedChanges, lastUnsaved.Syntax.GetLocation(), properties, local.Name, save));
        }
    }

    /// <summary>The operation that certainly modifies the settings: a write of a property or a call of a method marked <c>[DssMutates]</c>.</summary>
    private static IOperation? Modification(DssSymbols symbols, ILocalSymbol local, IOperation operation)
    {
        var references = OperationFacts.References(operation, local);
        if (references.Count == 0 || operation.DescendantsAndSelf().Any(o => o is IInvalidOperation))
        {
            // No use of the settings, or a statement still being written: what it will do with them is unknown.
            return null;
        }

        foreach (var reference in references)
        {
            var use = OperationFacts.UseOf(reference, out var consumer);
            if ((use == LocalUse.PropertyWrite && DssSymbols.Has(((IPropertyReferenceOperation)consumer!).Property, symbols.Mutates))
                || (use == LocalUse.Receiver && DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.Mutates)))
            {
                return consumer!.Parent is IAssignmentOperation assignment ? assignment : consumer;
            }
        }

        return null;
    }

    private static bool SavesOrHandsOn(DssSymbols symbols, ILocalSymbol local, IOperation operation) =>
        OperationFacts.References(operation, local).Any(reference => OperationFacts.UseOf(reference, out var consumer) switch
        {
            LocalUse.Receiver => DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.Saves),
            LocalUse.HandedOn => true,
            _ => false,
        });
}
