using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DssApi.Generator.Analyzers;

/// <summary>What every DssApi analyzer does first: skip generated code, run concurrently, and resolve the runtime types once per compilation, doing nothing when DssApi is not referenced.</summary>
public abstract class DssAnalyzer : DiagnosticAnalyzer
{
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
    /// Runs <paramref name="analyze"/> on each member body that contains an operation of one of
    /// <paramref name="kinds"/> satisfying <paramref name="isTrigger"/>. A flow rule can only
    /// report at such an operation, and building a body's flow graphs costs more than this look
    /// at its operations. One callback per body walks the tree itself: the compiler times every
    /// callback it makes, and a callback per operation for each rule cost more than the rules.
    /// </summary>
    private protected static void RegisterBodyAction(
        CompilationStartAnalysisContext context,
        Func<IOperation, bool> isTrigger,
        Action<OperationBlockAnalysisContext> analyze,
        params OperationKind[] kinds) =>
        context.RegisterOperationBlockAction(block =>
        {
            foreach (var root in block.OperationBlocks)
            {
                if (Contains(root, isTrigger, kinds))
                {
                    analyze(block);
                    return;
                }
            }
        });

    private static bool Contains(IOperation operation, Func<IOperation, bool> isTrigger, OperationKind[] kinds)
    {
        if (Array.IndexOf(kinds, operation.Kind) >= 0 && isTrigger(operation))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (Contains(child, isTrigger, kinds))
            {
                return true;
            }
        }

        return false;
    }
}
