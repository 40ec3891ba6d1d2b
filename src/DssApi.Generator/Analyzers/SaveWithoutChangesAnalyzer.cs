using System.Collections.Generic;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1001: a save of settings that, on every path since they were loaded or last saved, nothing
/// could have modified. Anything that might modify them (a setter, a mutator, a list or the raw
/// JSON obtained from them and used other than by reading it, handing them to other code) makes
/// the save legitimate.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SaveWithoutChangesAnalyzer : DssAnalyzer
{
    public SaveWithoutChangesAnalyzer()
        : base(AnalyzerDescriptors.SaveWithoutChanges)
    {
    }

    /// <summary>What is known of a settings local at a point; the join of two paths is the weaker.</summary>
    private enum State
    {
        /// <summary>Loaded or saved, and untouched since, on every path.</summary>
        Clean,

        /// <summary>Possibly modified, or of unknown origin.</summary>
        Dirty,

        /// <summary>Shared with other code, which may modify it at any time: no save is reported any more.</summary>
        Shared,
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.Saves is null)
        {
            return;
        }

        RegisterBodyAction(
            context,
            operation => DssSymbols.IsCallTo(operation, symbols.Saves),
            block =>
            {
                var body = BodyGraphs.Of(block);
                foreach (var graph in body.Graphs)
                {
                    foreach (var local in graph.DeclaredLocals)
                    {
                        if (symbols.IsSettings(local.Type) && (!body.IsCaptured(local) || IsOnlyReadWhereCaptured(body, graph, local)))
                        {
                            Analyze(block, symbols, graph, local);
                        }
                    }
                }
            });
    }

    /// <summary>True when the lambdas and local functions that capture the settings only read or format them: whenever they run, they change nothing.</summary>
    private static bool IsOnlyReadWhereCaptured(BodyGraphs body, FlowGraph declaring, ILocalSymbol local)
    {
        foreach (var graph in body.Graphs)
        {
            if (graph == declaring)
            {
                continue;
            }

            foreach (var operation in graph.Operations)
            {
                foreach (var reference in graph.References(operation, local))
                {
                    var onlyRead = OperationFacts.UseOf(reference, out var consumer, graph.Model) switch
                    {
                        LocalUse.PropertyRead => OperationFacts.IsOnlyRead(consumer!, graph.Model),
                        LocalUse.Formatted => true,
                        _ => false,
                    };
                    if (!onlyRead)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static void Analyze(OperationBlockAnalysisContext context, DssSymbols symbols, FlowGraph graph, ILocalSymbol local)
    {
        HashSet<IOperation>? reported = null;
        var states = graph.Forward(
            State.Dirty,
            static (a, b) => (State)System.Math.Max((int)a, (int)b),
            (state, operation) => Step(symbols, graph, local, state, operation, out _),
            static (state, _, _) => state,
            EqualityComparer<State>.Default);
        foreach (var entry in states)
        {
            var state = entry.Value;
            foreach (var operation in graph.OperationsOf(entry.Key))
            {
                state = Step(symbols, graph, local, state, operation, out var uselessSave);
                if (uselessSave is not null && (reported ??= []).Add(uselessSave))
                {
                    context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.SaveWithoutChanges, uselessSave.Syntax.GetLocation(), local.Name));
                }
            }
        }
    }

    private static State Step(DssSymbols symbols, FlowGraph graph, ILocalSymbol local, State state, FlowOperation operation, out IInvocationOperation? uselessSave)
    {
        uselessSave = null;
        if (OperationFacts.IsAssignmentToLocal(operation.Operation, out var assigned, out var value) && SymbolEqualityComparer.Default.Equals(assigned, local))
        {
            // A fresh object from the server is clean; any other value may be shared with other code.
            return symbols.IsLoad(value) ? State.Clean : State.Shared;
        }

        IInvocationOperation? save = null;
        var touched = false;
        foreach (var reference in graph.References(operation, local))
        {
            switch (OperationFacts.UseOf(reference, out var consumer, graph.Model))
            {
                case LocalUse.Receiver when DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.Saves):
                    save = (IInvocationOperation)consumer!;
                    break;
                case LocalUse.PropertyRead when OperationFacts.IsOnlyRead(consumer!, graph.Model):
                case LocalUse.Receiver when !DssSymbols.Has(((IInvocationOperation)consumer!).TargetMethod, symbols.Mutates) && OperationFacts.IsOnlyRead(consumer!, graph.Model):
                case LocalUse.Formatted:
                    break;
                case LocalUse.HandedOn or LocalUse.Assigned:
                    return State.Shared;
                default:
                    touched = true;
                    break;
            }
        }

        if (state == State.Shared)
        {
            return State.Shared;
        }

        if (save is null)
        {
            return touched ? State.Dirty : state;
        }

        if (!touched && state == State.Clean)
        {
            uselessSave = save;
        }

        return State.Clean;
    }
}
