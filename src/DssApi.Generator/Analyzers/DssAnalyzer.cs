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
}
