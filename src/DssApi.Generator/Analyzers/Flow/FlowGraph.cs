using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>An operation at the top of a basic block (a statement, or the block's branch condition) and where it sits.</summary>
internal readonly struct FlowOperation
{
    public FlowOperation(BasicBlock block, int index, int position, IOperation operation)
    {
        Block = block;
        Index = index;
        Position = position;
        Operation = operation;
    }

    public BasicBlock Block { get; }

    public int Index { get; }

    /// <summary>Where the operation sits in <see cref="FlowGraph.Operations"/>.</summary>
    public int Position { get; }

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
    private readonly FlowOperation[] _operations;

    /// <summary>By block ordinal, where the block's operations start in <see cref="_operations"/>; one more entry marks the end of the last.</summary>
    private readonly int[] _firstOperation;

    /// <summary>
    /// By position, the local references inside each operation, in the order of
    /// <see cref="OperationExtensions.DescendantsAndSelf"/>: the rules ask for them on every pass
    /// over every operation, and walking the operation's tree each time cost more than the passes.
    /// </summary>
    private readonly ILocalReferenceOperation[][] _localReferences;

    /// <summary>By position, whether the operation holds an <see cref="IInvalidOperation"/>: a statement still being written.</summary>
    private readonly bool[] _incomplete;

    private readonly List<IFlowAnonymousFunctionOperation> _anonymousFunctions = [];

    public FlowGraph(ControlFlowGraph graph)
    {
        Graph = graph;
        _successors = new List<FlowEdge>[graph.Blocks.Length];
        _firstOperation = new int[graph.Blocks.Length + 1];
        var count = 0;
        foreach (var block in graph.Blocks)
        {
            _firstOperation[block.Ordinal] = count;
            count += block.Operations.Length + (block.BranchValue is null ? 0 : 1);
        }

        _firstOperation[graph.Blocks.Length] = count;
        _operations = new FlowOperation[count];
        _localReferences = new ILocalReferenceOperation[count][];
        _incomplete = new bool[count];
        var references = new List<ILocalReferenceOperation>();
        foreach (var block in graph.Blocks)
        {
            var position = _firstOperation[block.Ordinal];
            for (var i = 0; i < block.Operations.Length; i++)
            {
                Add(new FlowOperation(block, i, position + i, block.Operations[i]), references);
            }

            if (block.BranchValue is { } branch)
            {
                Add(new FlowOperation(block, block.Operations.Length, position + block.Operations.Length, branch), references);
            }
        }

        DeclaredLocals = DeclaredIn(graph.Root);
        BuildSuccessors();
    }

    private ControlFlowGraph Graph { get; }

    /// <summary>Every top-level operation, block by block, in order.</summary>
    public IReadOnlyList<FlowOperation> Operations => _operations;

    public HashSet<ILocalSymbol> DeclaredLocals { get; }

    public HashSet<ILocalSymbol> ReferencedLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The lambdas in this graph's operations, whose bodies have graphs of their own.</summary>
    public IReadOnlyList<IFlowAnonymousFunctionOperation> AnonymousFunctions => _anonymousFunctions;

    private IReadOnlyList<FlowEdge> Successors(BasicBlock block) => _successors[block.Ordinal];

    /// <summary>The operations of one block, in order.</summary>
    public IEnumerable<FlowOperation> OperationsOf(BasicBlock block)
    {
        for (var i = _firstOperation[block.Ordinal]; i < _firstOperation[block.Ordinal + 1]; i++)
        {
            yield return _operations[i];
        }
    }

    /// <summary>The references to <paramref name="local"/> inside <paramref name="operation"/>, in the order of <see cref="OperationExtensions.DescendantsAndSelf"/>.</summary>
    public IReadOnlyList<ILocalReferenceOperation> References(FlowOperation operation, ILocalSymbol local)
    {
        var all = _localReferences[operation.Position];
        var matching = 0;
        foreach (var reference in all)
        {
            if (SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                matching++;
            }
        }

        if (matching == all.Length)
        {
            return all; // most operations use one local, or none: no copy
        }

        var found = new ILocalReferenceOperation[matching];
        matching = 0;
        foreach (var reference in all)
        {
            if (SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                found[matching++] = reference;
            }
        }

        return found;
    }

    /// <summary>True when the operation holds an invalid operation: a statement still being written, whose effect is unknown.</summary>
    public bool IsIncomplete(FlowOperation operation) => _incomplete[operation.Position];

    /// <summary>
    /// True when, from just after <paramref name="start"/>, some path meets an operation that
    /// satisfies <paramref name="goal"/> before one that satisfies <paramref name="stop"/>.
    /// </summary>
    public bool Reaches(FlowOperation start, Func<FlowOperation, bool> goal, Func<FlowOperation, bool> stop)
    {
        if (Scan(start.Position + 1, _firstOperation[start.Block.Ordinal + 1], goal, stop) is { } found)
        {
            return found;
        }

        var seen = new bool[Graph.Blocks.Length];
        var pending = new Stack<BasicBlock>();
        foreach (var edge in Successors(start.Block))
        {
            pending.Push(edge.Target);
        }

        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (seen[block.Ordinal])
            {
                continue;
            }

            seen[block.Ordinal] = true;
            var result = Scan(_firstOperation[block.Ordinal], _firstOperation[block.Ordinal + 1], goal, stop);
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
            for (var i = _firstOperation[block.Ordinal]; i < _firstOperation[block.Ordinal + 1]; i++)
            {
                state = transfer(state, _operations[i]);
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

    /// <summary>Scans the operations at positions <paramref name="from"/> to <paramref name="to"/> (excluded): true at a goal, false at a stop, null past both.</summary>
    private bool? Scan(int from, int to, Func<FlowOperation, bool> goal, Func<FlowOperation, bool> stop)
    {
        for (var i = from; i < to; i++)
        {
            if (goal(_operations[i]))
            {
                return true;
            }

            if (stop(_operations[i]))
            {
                return false;
            }
        }

        return null;
    }

    /// <summary>Records an operation, with one walk of its tree for the locals it reads, the lambdas it holds and whether it is complete.</summary>
    private void Add(FlowOperation operation, List<ILocalReferenceOperation> references)
    {
        _operations[operation.Position] = operation;
        references.Clear();
        _incomplete[operation.Position] = Collect(operation.Operation, references);
        _localReferences[operation.Position] = references.Count == 0 ? [] : references.ToArray();
    }

    /// <returns>True when the tree holds an invalid operation.</returns>
    private bool Collect(IOperation operation, List<ILocalReferenceOperation> references)
    {
        var invalid = false;
        switch (operation)
        {
            case ILocalReferenceOperation reference:
                ReferencedLocals.Add(reference.Local);
                references.Add(reference);
                break;
            case IFlowAnonymousFunctionOperation lambda:
                _anonymousFunctions.Add(lambda);
                break;
            case IInvalidOperation:
                invalid = true;
                break;
        }

        foreach (var child in operation.ChildOperations)
        {
            invalid |= Collect(child, references);
        }

        return invalid;
    }

    private void BuildSuccessors()
    {
        // Where control goes when a finally region ends: wherever the branches that ran it were heading.
        Dictionary<ControlFlowRegion, HashSet<BasicBlock>>? afterFinally = null;
        foreach (var block in Graph.Blocks)
        {
            AddContinuations(block.FallThroughSuccessor, ref afterFinally);
            AddContinuations(block.ConditionalSuccessor, ref afterFinally);
        }

        foreach (var block in Graph.Blocks)
        {
            var successors = new List<FlowEdge>();
            AddSuccessors(block, block.FallThroughSuccessor, afterFinally, successors);
            AddSuccessors(block, block.ConditionalSuccessor, afterFinally, successors);
            AddHandlers(block, successors);
            _successors[block.Ordinal] = successors;
        }
    }

    private void AddContinuations(ControlFlowBranch? branch, ref Dictionary<ControlFlowRegion, HashSet<BasicBlock>>? afterFinally)
    {
        if (branch is null)
        {
            return;
        }

        var finallies = branch.FinallyRegions;
        for (var i = 0; i < finallies.Length; i++)
        {
            var next = i + 1 < finallies.Length ? Graph.Blocks[finallies[i + 1].FirstBlockOrdinal] : branch.Destination;
            if (next is not null)
            {
                afterFinally ??= [];
                if (!afterFinally.TryGetValue(finallies[i], out var continuations))
                {
                    afterFinally[finallies[i]] = continuations = [];
                }

                continuations.Add(next);
            }
        }
    }

    private void AddSuccessors(BasicBlock block, ControlFlowBranch? branch, Dictionary<ControlFlowRegion, HashSet<BasicBlock>>? afterFinally, List<FlowEdge> successors)
    {
        if (branch is null)
        {
            return;
        }

        bool? holds = block.ConditionalSuccessor is null ? null : (branch == block.ConditionalSuccessor) == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        if (branch.FinallyRegions.Length > 0)
        {
            successors.Add(new FlowEdge(Graph.Blocks[branch.FinallyRegions[0].FirstBlockOrdinal], holds));
        }
        else if (branch.Destination is { } destination)
        {
            successors.Add(new FlowEdge(destination, holds));
        }
        else if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling
            && afterFinally is not null && EnclosingFinally(block) is { } region && afterFinally.TryGetValue(region, out var continuations))
        {
            foreach (var continuation in continuations)
            {
                successors.Add(new FlowEdge(continuation, null));
            }
        }
    }

    /// <summary>The region of kind finally around a block, if any, up to this graph's root.</summary>
    private ControlFlowRegion? EnclosingFinally(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region != Graph.Root; region = region.EnclosingRegion!)
        {
            if (region.Kind == ControlFlowRegionKind.Finally)
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>
    /// Adds the first blocks of the handlers of every try region around the block. The regions
    /// are followed up to this graph's root: the graph of a lambda or local function sits inside
    /// the regions of the body that declares it, whose blocks belong to another graph.
    /// </summary>
    private void AddHandlers(BasicBlock block, List<FlowEdge> successors)
    {
        for (var region = block.EnclosingRegion; region != Graph.Root; region = region.EnclosingRegion!)
        {
            if (region is { Kind: ControlFlowRegionKind.Try, EnclosingRegion: { } parent })
            {
                foreach (var handler in parent.NestedRegions)
                {
                    if (handler != region)
                    {
                        successors.Add(new FlowEdge(Graph.Blocks[handler.FirstBlockOrdinal], null));
                    }
                }
            }
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
}
