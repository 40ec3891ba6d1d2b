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
/// is printed: on a shared machine, the slower rounds measure the neighbours.
/// </summary>
public static class AnalyzerCost
{
    public static async Task RunAsync(int files, int rounds)
    {
        var consumer = SyntheticConsumer.Create(files);
        SyntheticConsumer.CreateDriver().RunGeneratorsAndUpdateCompilation(consumer, out var compilation, out _);
        var analyzers = typeof(DssAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DssAnalyzer)) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        var compile = TimeSpan.MaxValue;
        var graphs = TimeSpan.MaxValue;
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

            GC.Collect();
            var withAnalyzers = copy.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync();
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
            var graphed = GraphTime(copy);
            graphs = graphed < graphs ? graphed : graphs;
            if (fastest is null || Total(times) < Total(fastest))
            {
                fastest = times;
            }
        }

        var analyzed = Total(fastest!);
        Console.WriteLine($"Synthetic consumer: {files} files, fastest of {rounds} rounds");
        foreach (var (analyzer, time) in fastest!.OrderByDescending(a => a.Value))
        {
            Console.WriteLine($"  {time.TotalSeconds,7:0.000} s  {analyzer.GetType().Name} ({analyzer.SupportedDiagnostics[0].Id})");
        }

        Console.WriteLine($"  {analyzed,7:0.000} s  all DssApi analyzers");
        Console.WriteLine($"  {graphs.TotalSeconds,7:0.000} s  for comparison: Roslyn building control flow graphs of the consumer's methods (timed alone; the rules skip them for bodies made of statements, ifs and loops)");
        Console.WriteLine($"  {compile.TotalSeconds,7:0.000} s  compile (emit) of the same compilation");
        Console.WriteLine($"  analyzers' share of compile + analyzers: {analyzed / (analyzed + compile.TotalSeconds):P1}");
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
}
