using System.Collections.Immutable;
using System.Diagnostics;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Benchmarks;

/// <summary>
/// What the DssApi analyzers cost against the compile of the synthetic consumer, in process: the
/// figure bench/generator-timing.sh reads from the compiler, without MSBuild and the compiler
/// server around it. Each round emits a fresh copy of the compilation, then runs the analyzers
/// on that copy (as csc does, so what both need bound is bound once). The fastest round of each
/// is printed: on a shared machine, the slower rounds measure the neighbours. Allocations are
/// counted against a round with an analyzer that asks for every body and does nothing, so that
/// what the analyzer driver itself allocates (operation trees among it) is left out: what the
/// DssApi analyzers allocate is what brings the compiler's garbage collections into their callbacks.
/// </summary>
public static class AnalyzerCost
{
    public static async Task RunAsync(int files, int rounds, BodyShape shape)
    {
        var consumer = SyntheticConsumer.Create(files, shape);
        SyntheticConsumer.CreateDriver().RunGeneratorsAndUpdateCompilation(consumer, out var compilation, out _);
        var analyzers = typeof(DssAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DssAnalyzer)) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        var compile = TimeSpan.MaxValue;
        var graphs = TimeSpan.MaxValue;
        var allocated = long.MaxValue;
        var allocatedByDriver = long.MaxValue;
        Dictionary<DiagnosticAnalyzer, TimeSpan>? fastest = null;
        for (var round = 0; round <= rounds; round++)
        {
            var copy = compilation.Clone();
            GC.Collect(); // the garbage of the last round is not this round's cost
            var emit = Stopwatch.StartNew();
            var emitted = copy.Emit(Stream.Null);
            emit.Stop();
            if (!emitted.Success)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Take(10)));
            }

            var (withAnalyzers, allocatedWithAnalyzers) = await AnalyzeAsync(copy, analyzers);
            var (_, allocatedWithoutAnalyzers) = await AnalyzeAsync(copy, [new EveryBody()]);
            var times = new Dictionary<DiagnosticAnalyzer, TimeSpan>();
            foreach (var analyzer in analyzers)
            {
                times[analyzer] = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default)).ExecutionTime;
            }

            if (round == 0)
            {
                continue; // warms the JIT
            }

            compile = emit.Elapsed < compile ? emit.Elapsed : compile;
            allocated = Math.Min(allocated, allocatedWithAnalyzers);
            allocatedByDriver = Math.Min(allocatedByDriver, allocatedWithoutAnalyzers);
            var graphed = GraphTime(copy);
            graphs = graphed < graphs ? graphed : graphs;
            if (fastest is null || Total(times) < Total(fastest))
            {
                fastest = times;
            }
        }

        var analyzed = Total(fastest!);
        Console.WriteLine($"Synthetic consumer: {files} files ({shape} bodies), fastest of {rounds} rounds");
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") != "0")
        {
            // Whether the rules' code is tiered up by the round that counts varies from one process to the next.
            Console.WriteLine("  (tiered compilation is on: with DOTNET_TieredCompilation=0 the figures vary less from run to run)");
        }

        foreach (var (analyzer, time) in fastest!.OrderByDescending(a => a.Value))
        {
            Console.WriteLine($"  {time.TotalSeconds,7:0.000} s  {analyzer.GetType().Name} ({analyzer.SupportedDiagnostics[0].Id})");
        }

        Console.WriteLine($"  {analyzed,7:0.000} s  all DssApi analyzers");
        Console.WriteLine($"  {(allocated - allocatedByDriver) / 1048576.0,7:0.0} MB allocated by all DssApi analyzers ({allocated / 1048576.0:0.0} MB with them, {allocatedByDriver / 1048576.0:0.0} MB with an analyzer that does nothing with every body)");
        Console.WriteLine($"  {graphs.TotalSeconds,7:0.000} s  for comparison: Roslyn building control flow graphs of the consumer's methods (timed alone; the rules skip them for bodies made of statements, ifs and loops)");
        Console.WriteLine($"  {compile.TotalSeconds,7:0.000} s  compile (emit) of the same compilation");
        Console.WriteLine($"  analyzers' share of compile + analyzers: {analyzed / (analyzed + compile.TotalSeconds):P1}");
    }

    /// <summary>Runs <paramref name="analyzers"/> on <paramref name="compilation"/> on one thread, with the bytes the process allocated meanwhile.</summary>
    private static async Task<(CompilationWithAnalyzers Analyzed, long Allocated)> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (withAnalyzers, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>
    /// Roslyn building a control flow graph for each method of the consumer's own files: what the
    /// flow rules paid for every body before they read bodies made of statements, <c>if</c>s and loops
    /// from the operation tree.
    /// </summary>
    private static TimeSpan GraphTime(Compilation compilation)
    {
        var bodies = compilation.SyntaxTrees
            .Where(tree => !tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Select(method => compilation.GetSemanticModel(tree).GetOperation(method)))
            .OfType<IMethodBodyOperation>()
            .ToList();
        var watch = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            ControlFlowGraph.Create(body);
        }

        return watch.Elapsed;
    }

    private static double Total(Dictionary<DiagnosticAnalyzer, TimeSpan> times) => times.Values.Sum(t => t.TotalSeconds);

    /// <summary>Asks the driver for the operations of every body, as the DssApi analyzers do, and does nothing with them.</summary>
#pragma warning disable RS1001 // never loaded by a compiler: the probe creates it itself
    private sealed class EveryBody : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
#pragma warning disable RS2008 // never shipped
        private static readonly DiagnosticDescriptor Unused = new("BENCH0001", "unused", "unused", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
#pragma warning restore RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Unused];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(_ => { });
        }
    }
}
