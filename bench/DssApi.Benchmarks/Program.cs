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
    var shape = rest is [var option, ..] && option.StartsWith("--", StringComparison.Ordinal)
        ? option switch
        {
            "--branching" => BodyShape.Branching,
            "--loops" => BodyShape.Loops,
            _ => throw new ArgumentException($"Unknown option '{option}': analyzers [--branching | --loops] [file count]"),
        }
        : BodyShape.Straight;
    var counts = shape == BodyShape.Straight ? rest : rest[1..];
    await AnalyzerCost.RunAsync(files: counts is [var count, ..] ? int.Parse(count) : 500, rounds: 8, shape);
    return;
}

if (args is ["generator-cold", .. var runs])
{
    GeneratorColdStart.Run(steadyRuns: runs is [var count, ..] ? int.Parse(count) : 50);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(DownloadBenchmarks).Assembly).Run(args);
