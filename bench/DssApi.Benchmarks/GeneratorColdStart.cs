using System.Diagnostics;

namespace DssApi.Benchmarks;

/// <summary>
/// The generator's first runs in a fresh process, where its code is not yet compiled by the JIT
/// (as in a compiler server that has just loaded it), against the steady state that
/// <see cref="GeneratorDriverBenchmarks"/> measures. A run without the schema goes first, so that
/// Roslyn's own driver code, already compiled in a compiler server, is not counted.
/// </summary>
public static class GeneratorColdStart
{
    public static void Run(int steadyRuns)
    {
        var compilation = SyntheticConsumer.Create(files: 20);
        SyntheticConsumer.CreateDriver([]).RunGenerators(compilation);
        var first = Time(() => SyntheticConsumer.CreateDriver().RunGenerators(compilation));
        var second = Time(() => SyntheticConsumer.CreateDriver().RunGenerators(compilation));
        var steady = Enumerable.Range(0, steadyRuns).Select(_ => Time(() => SyntheticConsumer.CreateDriver().RunGenerators(compilation))).Order().ToList();
        Console.WriteLine($"first run with the schema     {first.TotalMilliseconds,8:0.0} ms");
        Console.WriteLine($"second run                    {second.TotalMilliseconds,8:0.0} ms");
        Console.WriteLine($"median of the next {steadyRuns,-4}       {steady[steady.Count / 2].TotalMilliseconds,8:0.0} ms");
    }

    private static TimeSpan Time(Action run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed;
    }
}
