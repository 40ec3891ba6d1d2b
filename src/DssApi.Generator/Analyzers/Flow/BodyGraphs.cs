using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>
/// The flow graphs of one member body: its own, and those of the lambdas and local functions
/// inside it, each with the locals it declares. A local used by a graph other than its
/// own is captured, and the flow rules leave it alone: they cannot tell when the capture runs.
/// </summary>
internal sealed class BodyGraphs
{
    private static readonly BodyGraphs None = new([]);

    /// <summary>Usually none: only lambdas and local functions capture.</summary>
    private readonly List<ILocalSymbol> _captured = [];

    private BodyGraphs(List<FlowGraph> graphs)
    {
        Graphs = graphs;
        foreach (var graph in graphs)
        {
            foreach (var local in graph.OuterLocals())
            {
                if (!FlowGraph.Contains(_captured, local))
                {
                    _captured.Add(local);
                }
            }
        }
    }

    public IReadOnlyList<FlowGraph> Graphs { get; }

    public bool IsCaptured(ILocalSymbol local) => FlowGraph.Contains(_captured, local);

    /// <summary>
    /// Set by tests to build every graph from a control flow graph, as if no body could
    /// be read from its operation tree, and check that both ways report the same.
    /// </summary>
    internal static AsyncLocal<bool> ControlFlowGraphsOnly { get; } = new();

    /// <summary>The graphs of every executable body of the analyzed member, built once for all the rules.</summary>
    public static BodyGraphs Of(OperationBlockAnalysisContext context) => MemberBody.Of(context).Graphs(context);

    private static IOperation RootOf(IOperation block)
    {
        var root = block;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }

    private static bool IsBody(IOperation root) => root.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block;

    /// <summary>Builds the graphs; <see cref="MemberBody"/> keeps them.</summary>
    internal static BodyGraphs Build(OperationBlockAnalysisContext context)
    {
        var graphs = new List<FlowGraph>();
        var roots = new List<IOperation>();
        foreach (var block in context.OperationBlocks)
        {
            var root = RootOf(block);

            // Bodies only: attribute arguments and parameter defaults hold no flow worth following.
            if (!IsBody(root) || roots.Contains(root))
            {
                continue;
            }

            roots.Add(root);
            if (!ControlFlowGraphsOnly.Value && StructuredBody.TryRead(root) is { } structured)
            {
                graphs.Add(new FlowGraph(structured));
            }
            else
            {
                Add(context.GetControlFlowGraph(block), graphs);
            }
        }

        return graphs.Count == 0 ? None : new BodyGraphs(graphs);
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
