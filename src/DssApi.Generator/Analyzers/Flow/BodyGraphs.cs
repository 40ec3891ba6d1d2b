using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>
/// The control flow graphs of one member body: its own, and those of the lambdas and local
/// functions inside it, each with the locals it declares. A local used by a graph other than its
/// own is captured, and the flow rules leave it alone: they cannot tell when the capture runs.
/// </summary>
internal sealed class BodyGraphs
{
    private static readonly BodyGraphs None = new([]);

    /// <summary>
    /// The graphs of the bodies already analyzed, by the compiler's graph of their first body: the
    /// flow rules analyze the same bodies, so the first to get to one builds its graphs for all.
    /// Weak keys: the graphs go when the compiler drops its own.
    /// </summary>
    private static readonly ConditionalWeakTable<ControlFlowGraph, BodyGraphs> Built = new();

    private readonly HashSet<ILocalSymbol> _captured;

    private BodyGraphs(List<FlowGraph> graphs)
    {
        Graphs = graphs;
        _captured = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var graph in graphs)
        {
            foreach (var local in graph.ReferencedLocals)
            {
                if (!graph.DeclaredLocals.Contains(local))
                {
                    _captured.Add(local);
                }
            }
        }
    }

    public IReadOnlyList<FlowGraph> Graphs { get; }

    public bool IsCaptured(ILocalSymbol local) => _captured.Contains(local);

    /// <summary>The graphs of every executable body of the analyzed member.</summary>
    public static BodyGraphs Create(OperationBlockAnalysisContext context)
    {
        var bodies = new List<ControlFlowGraph>();
        var roots = new HashSet<IOperation>();
        foreach (var block in context.OperationBlocks)
        {
            var root = block;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            // Bodies only: attribute arguments and parameter defaults hold no flow worth following.
            if (root.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block && roots.Add(root))
            {
                bodies.Add(context.GetControlFlowGraph(block));
            }
        }

        return bodies.Count == 0 ? None : Built.GetValue(bodies[0], _ => Build(bodies));
    }

    private static BodyGraphs Build(List<ControlFlowGraph> bodies)
    {
        var graphs = new List<FlowGraph>();
        foreach (var body in bodies)
        {
            Add(body, graphs);
        }

        return new BodyGraphs(graphs);
    }

    private static void Add(ControlFlowGraph graph, List<FlowGraph> graphs)
    {
        var flow = new FlowGraph(graph);
        graphs.Add(flow);
        foreach (var localFunction in graph.LocalFunctions)
        {
            Add(graph.GetLocalFunctionControlFlowGraph(localFunction), graphs);
        }

        foreach (var lambda in flow.AnonymousFunctions)
        {
            Add(graph.GetAnonymousFunctionControlFlowGraph(lambda), graphs);
        }
    }
}
