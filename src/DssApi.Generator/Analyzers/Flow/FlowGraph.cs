using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>An operation at the top of a basic block (a statement, or the block's branch condition) and where it sits.</summary>
internal readonly struct FlowOperation
{
    public FlowOperation(int block, int position, IOperation operation, bool isBranchValue)
    {
        Block = block;
        Position = position;
        Operation = operation;
        IsBranchValue = isBranchValue;
    }

    /// <summary>The ordinal of the block the operation sits in.</summary>
    public int Block { get; }

    /// <summary>Where the operation sits in <see cref="FlowGraph.Operations"/>.</summary>
    public int Position { get; }

    public IOperation Operation { get; }

    /// <summary>True for a block's branch value: a condition, or the value a return or throw takes away.</summary>
    public bool IsBranchValue { get; }

    /// <summary>The operation a statement is about, without its statement wrapper.</summary>
    public IOperation Statement => Operation is IExpressionStatementOperation statement ? statement.Operation : Operation;
}

/// <summary>The operations of one block, in order, to go through with <c>foreach</c> without allocating: the flow passes do so for every block on every pass.</summary>
internal readonly struct BlockOperations
{
    private readonly FlowOperation[] _operations;
    private readonly int _start;
    private readonly int _end;

    public BlockOperations(FlowOperation[] operations, int start, int end)
    {
        _operations = operations;
        _start = start;
        _end = end;
    }

    public Enumerator GetEnumerator() => new(_operations, _start, _end);

    public struct Enumerator
    {
        private readonly FlowOperation[] _operations;
        private readonly int _end;
        private int _current;

        public Enumerator(FlowOperation[] operations, int start, int end)
        {
            _operations = operations;
            _end = end;
            _current = start - 1;
        }

        public readonly FlowOperation Current => _operations[_current];

        public bool MoveNext() => ++_current < _end;
    }
}

/// <summary>A successor of a block, by ordinal, and the value its branch condition had when control goes there (null: not a conditional edge).</summary>
internal readonly struct FlowEdge
{
    public FlowEdge(int target, bool? conditionHolds)
    {
        Target = target;
        ConditionHolds = conditionHolds;
    }

    public int Target { get; }

    public bool? ConditionHolds { get; }
}

/// <summary>
/// The flow of one body, in the shape the rules need: blocks of top-level operations, and their
/// successors. Built from a control flow graph, with normal branches, the way into and out of
/// <c>finally</c> regions, and the jump from anywhere in a <c>try</c> to its handlers (any
/// statement may throw); or from the operation tree of a body whose flow is simple enough to
/// read there (see <see cref="StructuredBody"/>). Not changed once built: the flow rules share it
/// across threads.
/// </summary>
internal sealed class FlowGraph
{
    /// <summary>By block ordinal, whether the block starts a <c>catch</c> or <c>finally</c>: it sees every state the protected code went through.</summary>
    private readonly bool[] _isHandlerEntry;

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
        : this(graph.Blocks.Length, block => graph.Blocks[block].Operations, block => graph.Blocks[block].BranchValue, block => IsHandlerEntry(graph.Blocks[block]), DeclaredIn(graph.Root))
    {
        Model = graph.OriginalOperation.SemanticModel;
        Lambda = (graph.OriginalOperation as IAnonymousFunctionOperation)?.Symbol;
        BuildSuccessors(graph);
    }

    /// <summary>The blocks of a body read from its operation tree (see <see cref="StructuredBody"/>).</summary>
    public FlowGraph(StructuredBody body)
        : this(body.Blocks.Count, block => body.Blocks[block].Statements, block => body.Blocks[block].BranchValue, block => body.Blocks[block].IsHandlerEntry, body.DeclaredLocals)
    {
        for (var i = 0; i < _successors.Length; i++)
        {
            _successors[i] = body.Blocks[i].Successors;
        }
    }

    /// <summary>Lays out the operations of every block, each followed by the block's branch value; successors are left to the caller.</summary>
    private FlowGraph(int blockCount, Func<int, IReadOnlyList<IOperation>> operationsOf, Func<int, IOperation?> branchValueOf, Func<int, bool> isHandlerEntry, IReadOnlyList<ILocalSymbol> declaredLocals)
    {
        DeclaredLocals = declaredLocals;
        _successors = new List<FlowEdge>[blockCount];
        _isHandlerEntry = new bool[blockCount];
        _firstOperation = new int[blockCount + 1];
        var count = 0;
        for (var block = 0; block < blockCount; block++)
        {
            _isHandlerEntry[block] = isHandlerEntry(block);
            _firstOperation[block] = count;
            count += operationsOf(block).Count + (branchValueOf(block) is null ? 0 : 1);
        }

        _firstOperation[blockCount] = count;
        _operations = new FlowOperation[count];
        _localReferences = new ILocalReferenceOperation[count][];
        _incomplete = new bool[count];
        var references = new List<ILocalReferenceOperation>();
        for (var block = 0; block < blockCount; block++)
        {
            var position = _firstOperation[block];
            var operations = operationsOf(block);
            for (var i = 0; i < operations.Count; i++)
            {
                Add(new FlowOperation(block, position++, operations[i], isBranchValue: false), references);
            }

            if (branchValueOf(block) is { } branch)
            {
                Add(new FlowOperation(block, position, branch, isBranchValue: true), references);
            }
        }
    }

    /// <summary>
    /// The semantic model of the source, for a graph built from a control flow graph: its
    /// operations have none, and the source's operations they stand for are found through it.
    /// </summary>
    public SemanticModel? Model { get; }

    /// <summary>The lambda this is the body of, if it is one.</summary>
    public IMethodSymbol? Lambda { get; }

    /// <summary>Every top-level operation, block by block, in order.</summary>
    public IReadOnlyList<FlowOperation> Operations => _operations;

    /// <summary>The locals the body declares, each once, in order.</summary>
    public IReadOnlyList<ILocalSymbol> DeclaredLocals { get; }

    /// <summary>The lambdas in this graph's operations, whose bodies have graphs of their own.</summary>
    public IReadOnlyList<IFlowAnonymousFunctionOperation> AnonymousFunctions => _anonymousFunctions;

    /// <summary>The operations of one block, in order.</summary>
    public BlockOperations OperationsOf(int block) => new(_operations, _firstOperation[block], _firstOperation[block + 1]);

    /// <summary>The condition a block branches on, if it ends with one.</summary>
    public IOperation? BranchValue(int block)
    {
        var last = _firstOperation[block + 1] - 1;
        return last >= _firstOperation[block] && _operations[last].IsBranchValue ? _operations[last].Operation : null;
    }

    /// <summary>The references to <paramref name="local"/> inside <paramref name="operation"/>, in the order of <see cref="OperationExtensions.DescendantsAndSelf"/>.</summary>
    public ILocalReferenceOperation[] References(FlowOperation operation, ILocalSymbol local)
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

    /// <summary>The locals this graph uses but does not declare: those of the body around a lambda or local function.</summary>
    public IEnumerable<ILocalSymbol> OuterLocals()
    {
        foreach (var references in _localReferences)
        {
            foreach (var reference in references)
            {
                if (!Contains(DeclaredLocals, reference.Local))
                {
                    yield return reference.Local;
                }
            }
        }
    }

    /// <summary>A look through a list, not a hash: a body declares a handful of locals.</summary>
    public static bool Contains(IReadOnlyList<ILocalSymbol> locals, ILocalSymbol local)
    {
        for (var i = 0; i < locals.Count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(locals[i], local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the operation holds an invalid operation: a statement still being written, whose effect is unknown.</summary>
    public bool IsIncomplete(FlowOperation operation) => _incomplete[operation.Position];

    /// <summary>
    /// True when, from just after <paramref name="start"/>, some path meets an operation that
    /// satisfies <paramref name="goal"/> before one that satisfies <paramref name="stop"/>.
    /// </summary>
    public bool Reaches(FlowOperation start, Func<FlowOperation, bool> goal, Func<FlowOperation, bool> stop)
    {
        if (Scan(start.Position + 1, _firstOperation[start.Block + 1], goal, stop) is { } found)
        {
            return found;
        }

        var seen = new bool[_successors.Length];
        var pending = new Stack<int>();
        foreach (var edge in _successors[start.Block])
        {
            pending.Push(edge.Target);
        }

        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (seen[block])
            {
                continue;
            }

            seen[block] = true;
            var result = Scan(_firstOperation[block], _firstOperation[block + 1], goal, stop);
            if (result == true)
            {
                return true;
            }

            if (result is null)
            {
                foreach (var edge in _successors[block])
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
    /// the condition had on the edge taken). The states are by block ordinal.
    /// </summary>
    public Dictionary<int, T> Forward<T>(T entry, Func<T, T, T> join, Func<T, FlowOperation, T> transfer, Func<T, int, bool, T> refine, IEqualityComparer<T> comparer)
    {
        // Sized for every block up front: growing it block by block dominated a pass in profiles.
        var states = new Dictionary<int, T>(_successors.Length) { [0] = entry };
        var pending = new Queue<int>();
        pending.Enqueue(0);
        while (pending.Count > 0)
        {
            var block = pending.Dequeue();
            var state = states[block];
            var thrown = state;
            for (var i = _firstOperation[block]; i < _firstOperation[block + 1]; i++)
            {
                state = transfer(state, _operations[i]);
                thrown = join(thrown, state);
            }

            foreach (var edge in _successors[block])
            {
                // A handler sees every state the protected code went through; other successors the final one.
                var next = edge.Target;
                var handed = _isHandlerEntry[next] ? thrown : edge.ConditionHolds is { } holds ? refine(state, block, holds) : state;
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

    private void BuildSuccessors(ControlFlowGraph graph)
    {
        // Where control goes when a finally region ends: wherever the branches that ran it were heading.
        Dictionary<ControlFlowRegion, HashSet<int>>? afterFinally = null;
        foreach (var block in graph.Blocks)
        {
            AddContinuations(block.FallThroughSuccessor, ref afterFinally);
            AddContinuations(block.ConditionalSuccessor, ref afterFinally);
        }

        foreach (var block in graph.Blocks)
        {
            var successors = new List<FlowEdge>();
            AddSuccessors(graph, block, block.FallThroughSuccessor, afterFinally, successors);
            AddSuccessors(graph, block, block.ConditionalSuccessor, afterFinally, successors);
            AddHandlers(graph, block, successors);
            _successors[block.Ordinal] = successors;
        }
    }

    private static void AddContinuations(ControlFlowBranch? branch, ref Dictionary<ControlFlowRegion, HashSet<int>>? afterFinally)
    {
        if (branch is null)
        {
            return;
        }

        var finallies = branch.FinallyRegions;
        for (var i = 0; i < finallies.Length; i++)
        {
            var next = i + 1 < finallies.Length ? finallies[i + 1].FirstBlockOrdinal : branch.Destination?.Ordinal;
            if (next is { } ordinal)
            {
                afterFinally ??= [];
                if (!afterFinally.TryGetValue(finallies[i], out var continuations))
                {
                    afterFinally[finallies[i]] = continuations = [];
                }

                continuations.Add(ordinal);
            }
        }
    }

    private static void AddSuccessors(ControlFlowGraph graph, BasicBlock block, ControlFlowBranch? branch, Dictionary<ControlFlowRegion, HashSet<int>>? afterFinally, List<FlowEdge> successors)
    {
        if (branch is null)
        {
            return;
        }

        bool? holds = block.ConditionalSuccessor is null ? null : (branch == block.ConditionalSuccessor) == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        if (branch.FinallyRegions.Length > 0)
        {
            successors.Add(new FlowEdge(branch.FinallyRegions[0].FirstBlockOrdinal, holds));
        }
        else if (branch.Destination is { } destination)
        {
            successors.Add(new FlowEdge(destination.Ordinal, holds));
        }
        else if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling
            && afterFinally is not null && EnclosingFinally(graph, block) is { } region && afterFinally.TryGetValue(region, out var continuations))
        {
            foreach (var continuation in continuations)
            {
                successors.Add(new FlowEdge(continuation, null));
            }
        }
    }

    /// <summary>The region of kind finally around a block, if any, up to this graph's root.</summary>
    private static ControlFlowRegion? EnclosingFinally(ControlFlowGraph graph, BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region != graph.Root; region = region.EnclosingRegion!)
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
    private static void AddHandlers(ControlFlowGraph graph, BasicBlock block, List<FlowEdge> successors)
    {
        for (var region = block.EnclosingRegion; region != graph.Root; region = region.EnclosingRegion!)
        {
            if (region is { Kind: ControlFlowRegionKind.Try, EnclosingRegion: { } parent })
            {
                foreach (var handler in parent.NestedRegions)
                {
                    if (handler != region)
                    {
                        successors.Add(new FlowEdge(handler.FirstBlockOrdinal, null));
                    }
                }
            }
        }
    }

    private static List<ILocalSymbol> DeclaredIn(ControlFlowRegion root)
    {
        var locals = new List<ILocalSymbol>();
        var pending = new Stack<ControlFlowRegion>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var region = pending.Pop();
            locals.AddRange(region.Locals);
            for (var i = region.NestedRegions.Length - 1; i >= 0; i--)
            {
                pending.Push(region.NestedRegions[i]); // reversed, so regions are visited (and locals listed) in order
            }
        }

        return locals;
    }
}
