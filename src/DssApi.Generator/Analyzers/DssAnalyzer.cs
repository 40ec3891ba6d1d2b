using System;
using System.Collections.Immutable;
using DssApi.Generator.Analyzers.Flow;
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
            foreach (var use in MemberBody.Of(block).Uses)
            {
                if (isTrigger(use))
                {
                    analyze(block);
                    return;
                }
            }
        });
}
