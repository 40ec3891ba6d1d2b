using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.Benchmarks;

/// <summary>
/// The DssApi generator in a <see cref="CSharpGeneratorDriver"/>, steady state (JIT done): a first
/// run on the real schema, a run after a C# edit (every step should be cached) and a run after an
/// edit to one schema type. Drivers are immutable, so each run starts from the same prepared state.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class GeneratorDriverBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _fresh = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _warmWithEditedSchema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticConsumer.Create(files: 20);
        _editedCompilation = SyntheticConsumer.EditOneFile(_compilation);
        _fresh = SyntheticConsumer.CreateDriver();
        _warm = _fresh.RunGenerators(_compilation);
        _warmWithEditedSchema = _warm.ReplaceAdditionalText(SyntheticConsumer.Schema, SyntheticConsumer.EditedSchema());
    }

    [Benchmark(Baseline = true, Description = "first run")]
    public GeneratorDriver FirstRun() => _fresh.RunGenerators(_compilation);

    [Benchmark(Description = "after a C# edit")]
    public GeneratorDriver AfterCSharpEdit() => _warm.RunGenerators(_editedCompilation);

    [Benchmark(Description = "after a schema type edit")]
    public GeneratorDriver AfterSchemaEdit() => _warmWithEditedSchema.RunGenerators(_compilation);
}
