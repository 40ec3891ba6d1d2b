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

BenchmarkSwitcher.FromAssembly(typeof(DownloadBenchmarks).Assembly).Run(args);
