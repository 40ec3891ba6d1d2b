using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Dss_schema_generates_code_that_compiles_without_diagnostics()
    {
        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)]);
        Assert.Empty(run.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        run.AssertRerunIsCached();
    }
}

public sealed class DumpTests
{
    [Fact]
    public void Dump()
    {
        var dir = Environment.GetEnvironmentVariable("DUMP_DIR");
        if (dir is null)
        {
            return;
        }

        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)]);
        Directory.CreateDirectory(dir);
        foreach (var source in run.Result.GeneratedSources)
        {
            File.WriteAllText(Path.Combine(dir, source.HintName), source.SourceText.ToString());
        }
    }
}
