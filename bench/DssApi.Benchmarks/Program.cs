using BenchmarkDotNet.Running;
using DssApi.Benchmarks;

if (args is ["allocations"])
{
    await AllocationProbe.RunAsync();
    return;
}

if (args is ["figures"])
{
    await Figures.RunAsync();
    return;
}

if (args is ["analyzers", .. var rest])
{
    await AnalyzerCost.RunAsync(files: rest is [var count, ..] ? int.Parse(count) : 500, rounds: 8);
    return;
}

if (args is ["generator-cold", .. var runs])
{
    GeneratorColdStart.Run(steadyRuns: runs is [var count, ..] ? int.Parse(count) : 50);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(DownloadBenchmarks).Assembly).Run(args);
