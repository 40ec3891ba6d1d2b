using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DssApi.Generator.Analyzers;

/// <summary>What every DssApi analyzer does first: skip generated code, run concurrently, and resolve the runtime types once per compilation, doing nothing when DssApi is not referenced.</summary>
public abstract class DssAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// The invocations and property references of each member analyzed, by its first operation
    /// block: every flow rule looks through them, and one walk of the tree serves all the rules.
    /// Weak keys: the lists go when the compiler drops the tree.
    /// </summary>
    private static readonly ConditionalWeakTable<IOperation, IOperation[]> CollectedMemberUses = new();

    /// <summary>Where <see cref="MemberUses"/> collects, reused: analyzers run on several threads at once.</summary>
    [ThreadStatic]
    private static List<IOperation>? _collecting;

    private protected DssAnalyzer(params DiagnosticDescriptor[] descriptors) => SupportedDiagnostics = ImmutableArray.Create(descriptors);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DssSymbols.TryCreate(start.Compilation, out var symbols))
            {
                Register(start, symbols);
            }
        });
    }

    private protected abstract void Register(CompilationStartAnalysisContext context, DssSymbols symbols);

    /// <summary>
    /// Runs <paramref name="analyze"/> on each member body that invokes a method or uses a
    /// property satisfying <paramref name="isTrigger"/>. A flow rule can only report at such a
    /// use, and building a body's flow graphs costs more than this look at its uses. One callback
    /// per body: the compiler times every callback it makes, and a callback per operation for each
    /// rule cost more than the rules.
    /// </summary>
    private protected static void RegisterBodyAction(
        CompilationStartAnalysisContext context,
        Func<IOperation, bool> isTrigger,
        Action<OperationBlockAnalysisContext> analyze) =>
        context.RegisterOperationBlockAction(block =>
        {
            foreach (var use in MemberUses(block))
            {
                if (isTrigger(use))
                {
                    analyze(block);
                    return;
                }
            }
        });

    private static IOperation[] MemberUses(OperationBlockAnalysisContext context)
    {
        if (context.OperationBlocks.IsEmpty)
        {
            return [];
        }

        if (CollectedMemberUses.TryGetValue(context.OperationBlocks[0], out var collected))
        {
            return collected; // every rule after the first: no callback to allocate
        }

        return CollectedMemberUses.GetValue(context.OperationBlocks[0], _ =>
        {
            var uses = _collecting ??= [];
            uses.Clear();
            foreach (var root in context.OperationBlocks)
            {
                Collect(root, uses);
            }

            return uses.ToArray();
        });
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
