using System;
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
/// <c>[DssMutates]</c>, or a change to one of their lists) with no path on to a save. Settings handed on (returned, stored, passed)
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
                IPropertyReferenceOperation property => DssSymbols.Has(property.Property, symbols.Mutates) || ListChange(symbols, property, model: null) is not null,
                _ => false,
            },
            block =>
            {
                var body = BodyGraphs.Of(block);
                foreach (var graph in body.Graphs)
                {
                    foreach (var local in graph.DeclaredLocals)
                    {
                        if (symbols.IsSettings(local.Type) && !body.IsCaptured(local))
                        {
                            Analyze(block, symbols, graph, local);
                        }
                    }
                }
            });
    }

    private static void Analyze(OperationBlockAnalysisContext context, DssSymbols symbols, FlowGraph graph, ILocalSymbol local)
    {
        if (!IsLoaded(symbols, graph, local))
        {
            return;
        }

        // The change reported is the last in the source; one that cannot be the last needs no flow pass.
        SyntaxNode? lastUnsaved = null;
        Func<FlowOperation, bool> savesOrHandsOn = operation => SavesOrHandsOn(symbols, graph, local, operation);
        Func<FlowOperation, bool> reassigns = operation => OperationFacts.Reassigns(operation.Operation, local);
        foreach (var operation in graph.Operations)
        {
            if (Modification(symbols, graph, local, operation) is { } change
                && (lastUnsaved is null || change.SpanStart >= lastUnsaved.SpanStart)
                && !graph.Reaches(operation, savesOrHandsOn, reassigns))
            {
                lastUnsaved = change;
            }
        }

        if (lastUnsaved is not null)
        {
            var save = local.Type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => DssSymbols.Has(m, symbols.Saves))?.Name ?? "SaveAsync";
            var properties = ImmutableDictionary.CreateRange(new[]
            {
                new KeyValuePair<string, string?>(AnalyzerDescriptors.LocalProperty, local.Name),
                new KeyValuePair<string, string?>(AnalyzerDescriptors.MethodProperty, save),
            });
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.UnsavedChanges, lastUnsaved.GetLocation(), properties, local.Name, save));
        }
    }

    private static bool IsLoaded(DssSymbols symbols, FlowGraph graph, ILocalSymbol local)
    {
        foreach (var operation in graph.Operations)
        {
            if (OperationFacts.IsAssignmentToLocal(operation.Operation, out var assigned, out var value)
                && SymbolEqualityComparer.Default.Equals(assigned, local) && symbols.IsObtainedByCall(value, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where the settings are certainly modified: a write of a property or a call of a method
    /// marked <c>[DssMutates]</c>, or a change to one of their lists (<c>settings.Tags.Add(…)</c>).
    /// </summary>
    private static SyntaxNode? Modification(DssSymbols symbols, FlowGraph graph, ILocalSymbol local, FlowOperation operation)
    {
        foreach (var reference in graph.References(operation, local))
        {
            var use = OperationFacts.UseOf(reference, out var consumer, graph.Model);
            var change = use switch
            {
                LocalUse.PropertyWrite when DssSymbols.Has(((IPropertyReferenceOperation)consumer!).Property, symbols.Mutates) => OperationFacts.WriterOf(consumer!) ?? consumer!.Syntax,
                LocalUse.Receiver when DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.Mutates) => consumer!.Syntax,
                LocalUse.PropertyRead when ListChange(symbols, (IPropertyReferenceOperation)consumer!, graph.Model) is { } listChange => listChange.Syntax,
                _ => null,
            };
            if (change is not null)
            {
                // A statement still being written: what it will do with the settings is unknown.
                return graph.IsIncomplete(operation) ? null : change;
            }
        }

        return null;
    }

    private static readonly HashSet<string> ListChanges = ["Add", "Insert", "Remove", "RemoveAt", "Clear"];

    /// <summary>The call that changes a list field of the settings (marked <c>[DssWire]</c>) read by <paramref name="list"/>, if the read is for that.</summary>
    private static IInvocationOperation? ListChange(DssSymbols symbols, IPropertyReferenceOperation list, SemanticModel? model) =>
        DssSymbols.Has(list.Property, symbols.Wire)
        && OperationFacts.ConsumerOf(OperationFacts.InSource(list, model), out var wrapped) is IInvocationOperation call && call.Instance == wrapped
        && ListChanges.Contains(call.TargetMethod.Name)
        && call.TargetMethod.ContainingType.AllInterfaces.Concat([call.TargetMethod.ContainingType]).Any(t => t.OriginalDefinition.Name is "ICollection" or "IList")
            ? call
            : null;

    private static bool SavesOrHandsOn(DssSymbols symbols, FlowGraph graph, ILocalSymbol local, FlowOperation operation)
    {
        foreach (var reference in graph.References(operation, local))
        {
            var handedOrSaved = OperationFacts.UseOf(reference, out var consumer, graph.Model) switch
            {
                LocalUse.Receiver => DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.Saves),
                LocalUse.HandedOn => true,
                _ => false,
            };
            if (handedOrSaved)
            {
                return true;
            }
        }

        return false;
    }
}
