using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>An operation at the top of a basic block (a statement, or the block's branch condition) and where it sits.</summary>
internal readonly struct FlowOperation
{
    public FlowOperation(BasicBlock block, int index, IOperation operation)
    {
        Block = block;
        Index = index;
        Operation = operation;
    }

    public BasicBlock Block { get; }

    public int Index { get; }

    public IOperation Operation { get; }

    /// <summary>True for a block's branch value: a condition, or the value a return or throw takes away.</summary>
    public bool IsBranchValue => Index == Block.Operations.Length;

    /// <summary>The operation a statement is about, without its statement wrapper.</summary>
    public IOperation Statement => Operation is IExpressionStatementOperation statement ? statement.Operation : Operation;
}

/// <summary>A successor of a block, and the value its branch condition had when control goes there (null: not a conditional edge).</summary>
internal readonly struct FlowEdge
{
    public FlowEdge(BasicBlock target, bool? conditionHolds)
    {
        Target = target;
        ConditionHolds = conditionHolds;
    }

    public BasicBlock Target { get; }

    public bool? ConditionHolds { get; }
}

/// <summary>
/// One control flow graph with the successors the rules need: normal branches, the way into and
/// out of <c>finally</c> regions, and the jump from anywhere in a <c>try</c> to its handlers
/// (any statement may throw). Not changed once built: the flow rules share it across threads.
/// </summary>
internal sealed class FlowGraph
{
    /// <summary>By block ordinal: hashing the blocks showed in profiles of the flow rules.</summary>
    private readonly List<FlowEdge>[] _successors;
    private readonly List<IFlowAnonymousFunctionOperation> _anonymousFunctions = [];

    public FlowGraph(ControlFlowGraph graph)
    {
        Graph = graph;
        _successors = new List<FlowEdge>[graph.Blocks.Length];
        var operations = new List<FlowOperation>();
        foreach (var block in graph.Blocks)
        {
            operations.AddRange(OperationsOf(block));
        }

        Operations = operations;
        DeclaredLocals = DeclaredIn(graph.Root);
        foreach (var operation in operations)
        {
            Collect(operation.Operation);
        }

        BuildSuccessors();
    }

    private ControlFlowGraph Graph { get; }

    /// <summary>Every top-level operation, block by block, in order.</summary>
    public IReadOnlyList<FlowOperation> Operations { get; }

    public HashSet<ILocalSymbol> DeclaredLocals { get; }

    public HashSet<ILocalSymbol> ReferencedLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The lambdas in this graph's operations, whose bodies have graphs of their own.</summary>
    public IReadOnlyList<IFlowAnonymousFunctionOperation> AnonymousFunctions => _anonymousFunctions;

    private IReadOnlyList<FlowEdge> Successors(BasicBlock block) => _successors[block.Ordinal];

    public static IEnumerable<FlowOperation> OperationsOf(BasicBlock block)
    {
        for (var i = 0; i < block.Operations.Length; i++)
        {
            yield return new FlowOperation(block, i, block.Operations[i]);
        }

        if (block.BranchValue is { } branch)
        {
            yield return new FlowOperation(block, block.Operations.Length, branch);
        }
    }

    /// <summary>
    /// True when, from just after <paramref name="start"/>, some path meets an operation that
    /// satisfies <paramref name="goal"/> before one that satisfies <paramref name="stop"/>.
    /// </summary>
    public bool Reaches(FlowOperation start, Func<IOperation, bool> goal, Func<IOperation, bool> stop)
    {
        if (Scan(OperationsOf(start.Block).Skip(start.Index + 1), goal, stop) is { } found)
        {
            return found;
        }

        var seen = new HashSet<BasicBlock>();
        var pending = new Stack<BasicBlock>(Successors(start.Block).Select(e => e.Target));
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (!seen.Add(block))
            {
                continue;
            }

            var result = Scan(OperationsOf(block), goal, stop);
            if (result == true)
            {
                return true;
            }

            if (result is null)
            {
                foreach (var edge in Successors(block))
                {
                    pending.Push(edge.Target);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A forward data flow to a fixed point: the state entering each block is the join of what
    /// its predecessors hand on; <paramref name="transfer"/> steps over one operation and
    /// <paramref name="refine"/> learns from a branch condition (given the block and the value
    /// the condition had on the edge taken).
    /// </summary>
    public Dictionary<BasicBlock, T> Forward<T>(T entry, Func<T, T, T> join, Func<T, FlowOperation, T> transfer, Func<T, BasicBlock, bool, T> refine, IEqualityComparer<T> comparer)
    {
        // Sized for every block up front: growing it block by block dominated a pass in profiles.
        var states = new Dictionary<BasicBlock, T>(Graph.Blocks.Length) { [Graph.Blocks[0]] = entry };
        var pending = new Queue<BasicBlock>();
        pending.Enqueue(Graph.Blocks[0]);
        while (pending.Count > 0)
        {
            var block = pending.Dequeue();
            var state = states[block];
            var thrown = state;
            foreach (var operation in OperationsOf(block))
            {
                state = transfer(state, operation);
                thrown = join(thrown, state);
            }

            foreach (var edge in Successors(block))
            {
                // A handler sees every state the protected code went through; other successors the final one.
                var next = edge.Target;
                var handed = IsHandlerEntry(next) ? thrown : edge.ConditionHolds is { } holds ? refine(state, block, holds) : state;
                var merged = states.TryGetValue(next, out var previous) ? join(previous, handed) : handed;
                if (!states.ContainsKey(next) || !comparer.Equals(merged, previous!))
                {
                    states[next] = merged;
                    pending.Enqueue(next);
                }
            }
        }

        return states;
    }

    private static bool IsHandlerEntry(BasicBlock block) =>
        block.EnclosingRegion is { Kind: ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally } region
        && region.FirstBlockOrdinal == block.Ordinal;

    private static bool? Scan(IEnumerable<FlowOperation> operations, Func<IOperation, bool> goal, Func<IOperation, bool> stop)
    {
        foreach (var operation in operations)
        {
            if (goal(operation.Operation))
            {
                return true;
            }

            if (stop(operation.Operation))
            {
                return false;
            }
        }

        return null;
    }

    private void BuildSuccessors()
    {
        // Where control goes when a finally region ends: wherever the branches that ran it were heading.
        var afterFinally = new Dictionary<ControlFlowRegion, HashSet<BasicBlock>>();
        foreach (var block in Graph.Blocks)
        {
            foreach (var branch in Branches(block))
            {
                var finallies = branch.FinallyRegions;
                for (var i = 0; i < finallies.Length; i++)
                {
                    var next = i + 1 < finallies.Length ? Graph.Blocks[finallies[i + 1].FirstBlockOrdinal] : branch.Destination;
                    if (next is not null)
                    {
                        ContinuationsOf(afterFinally, finallies[i]).Add(next);
                    }
                }
            }
        }

        foreach (var block in Graph.Blocks)
        {
            var successors = new List<FlowEdge>();
            foreach (var branch in Branches(block))
            {
                bool? holds = block.ConditionalSuccessor is null ? null : (branch == block.ConditionalSuccessor) == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
                if (branch.FinallyRegions.Length > 0)
                {
                    successors.Add(new FlowEdge(Graph.Blocks[branch.FinallyRegions[0].FirstBlockOrdinal], holds));
                }
                else if (branch.Destination is { } destination)
                {
                    successors.Add(new FlowEdge(destination, holds));
                }
                else if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling && EnclosingFinally(block) is { } region && afterFinally.TryGetValue(region, out var continuations))
                {
                    successors.AddRange(continuations.Select(c => new FlowEdge(c, null)));
                }
            }

            successors.AddRange(Handlers(block).Select(h => new FlowEdge(h, null)));
            _successors[block.Ordinal] = successors;
        }
    }

    private static HashSet<BasicBlock> ContinuationsOf(Dictionary<ControlFlowRegion, HashSet<BasicBlock>> map, ControlFlowRegion region) =>
        map.TryGetValue(region, out var set) ? set : map[region] = [];

    private static IEnumerable<ControlFlowBranch> Branches(BasicBlock block)
    {
        if (block.FallThroughSuccessor is { } fallThrough)
        {
            yield return fallThrough;
        }

        if (block.ConditionalSuccessor is { } conditional)
        {
            yield return conditional;
        }
    }

    private ControlFlowRegion? EnclosingFinally(BasicBlock block)
    {
        foreach (var region in EnclosingRegions(block))
        {
            if (region.Kind == ControlFlowRegionKind.Finally)
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>The first blocks of the handlers of every try region around the block.</summary>
    private IEnumerable<BasicBlock> Handlers(BasicBlock block)
    {
        foreach (var region in EnclosingRegions(block))
        {
            if (region is { Kind: ControlFlowRegionKind.Try, EnclosingRegion: { } parent })
            {
                foreach (var handler in parent.NestedRegions.Where(r => r != region))
                {
                    yield return Graph.Blocks[handler.FirstBlockOrdinal];
                }
            }
        }
    }

    /// <summary>
    /// The regions around a block, innermost first, up to this graph's root: the graph of a lambda
    /// or local function sits inside the regions of the body that declares it, whose blocks belong
    /// to another graph.
    /// </summary>
    private IEnumerable<ControlFlowRegion> EnclosingRegions(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region != Graph.Root; region = region.EnclosingRegion!)
        {
            yield return region;
        }
    }

    private static HashSet<ILocalSymbol> DeclaredIn(ControlFlowRegion root)
    {
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ControlFlowRegion>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var region = pending.Pop();
            locals.UnionWith(region.Locals);
            for (var i = region.NestedRegions.Length - 1; i >= 0; i--)
            {
                pending.Push(region.NestedRegions[i]); // reversed, so regions are visited (and locals listed) in order
            }
        }

        return locals;
    }

    /// <summary>One walk of an operation tree for the locals it reads and the lambdas it holds.</summary>
    private void Collect(IOperation operation)
    {
        switch (operation)
        {
            case ILocalReferenceOperation reference:
                ReferencedLocals.Add(reference.Local);
                break;
            case IFlowAnonymousFunctionOperation lambda:
                _anonymousFunctions.Add(lambda);
                break;
        }

        foreach (var child in operation.ChildOperations)
        {
            Collect(child);
        }
    }
}
