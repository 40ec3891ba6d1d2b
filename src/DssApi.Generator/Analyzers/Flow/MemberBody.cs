using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>
/// What the flow rules share about one member: its invocations and property references, collected
/// in one walk when the first rule looks, and its flow graphs, built when the first rule needs them.
/// The rules analyze the same members, so each member's facts are gathered once for all of them.
/// </summary>
internal sealed class MemberBody
{
    private static readonly MemberBody None = new([]);

    /// <summary>By the member's first operation block. Weak keys: the facts go when the compiler drops the tree.</summary>
    private static readonly ConditionalWeakTable<IOperation, MemberBody> ByFirstBlock = new();

    /// <summary>Where <see cref="Of"/> collects, reused: analyzers run on several threads at once.</summary>
    [ThreadStatic]
    private static List<IOperation>? _collecting;

    private BodyGraphs? _graphs;

    private MemberBody(IOperation[] uses) => Uses = uses;

    /// <summary>The member's invocations and property references, in tree order.</summary>
    public IOperation[] Uses { get; }

    public static MemberBody Of(OperationBlockAnalysisContext context)
    {
        if (context.OperationBlocks.IsEmpty)
        {
            return None;
        }

        var first = context.OperationBlocks[0];

        // Every rule after the first: no callback to allocate.
        return ByFirstBlock.TryGetValue(first, out var known) ? known : ByFirstBlock.GetValue(first, _ => new MemberBody(Collect(context)));
    }

    /// <summary>
    /// The member's flow graphs. Two rules that get here at once may both build them; one set is
    /// kept, as with the table above.
    /// </summary>
    public BodyGraphs Graphs(OperationBlockAnalysisContext context)
    {
        if (_graphs is null)
        {
            Interlocked.CompareExchange(ref _graphs, BodyGraphs.Build(context), null);
        }

        return _graphs!;
    }

    private static IOperation[] Collect(OperationBlockAnalysisContext context)
    {
        var uses = _collecting ??= [];
        uses.Clear();
        foreach (var root in context.OperationBlocks)
        {
            Collect(root, uses);
        }

        return uses.ToArray();
    }

    private static void Collect(IOperation operation, List<IOperation> uses)
    {
        if (operation.Kind is OperationKind.Invocation or OperationKind.PropertyReference)
        {
            uses.Add(operation);
        }

        foreach (var child in operation.ChildOperations)
        {
            Collect(child, uses);
        }
    }
}
