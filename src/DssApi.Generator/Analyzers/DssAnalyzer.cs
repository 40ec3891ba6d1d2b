using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
    /// Runs <paramref name="analyze"/> at the end of each member body that contains an operation
    /// of one of <paramref name="kinds"/> satisfying <paramref name="isTrigger"/>. A flow rule can
    /// only report at such an operation, and building a body's control flow graphs costs far more
    /// than this look at its operations, which the compiler walks once for every analyzer.
    /// </summary>
    private protected static void RegisterBodyAction(
        CompilationStartAnalysisContext context,
        Func<IOperation, bool> isTrigger,
        Action<OperationBlockAnalysisContext> analyze,
        params OperationKind[] kinds) =>
        context.RegisterOperationBlockStartAction(start =>
        {
            var triggered = new StrongBox<bool>();
            start.RegisterOperationAction(
                operation =>
                {
                    if (!triggered.Value && isTrigger(operation.Operation))
                    {
                        triggered.Value = true;
                    }
                },
                kinds);
            start.RegisterOperationBlockEndAction(end =>
            {
                if (triggered.Value)
                {
                    analyze(end);
                }
            });
        });
}
