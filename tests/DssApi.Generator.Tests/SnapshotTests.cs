using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>The generated source, file by file, against the committed golden files.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Dss_schema_output_matches_the_snapshots_and_compiles_cleanly()
    {
        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)]);

        Assert.Empty(run.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        Golden.VerifyAll("Dss", run.Result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void Fixture_schema_output_matches_the_snapshots_and_compiles_cleanly()
    {
        var properties = new Dictionary<string, string>
        {
            ["DssApiNamespace"] = "Fixture.Widgets",
            ["DssApiAccessibility"] = "public",
            ["DssApiTargetVersion"] = "2.0",
        };
        var run = GeneratorHarness.Run([("/project/widgets.dssapi.json", GeneratorHarness.FixtureText("widgets.dssapi.json"))], properties);

        Assert.Empty(run.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        Golden.VerifyAll("Fixture", run.Result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void A_missing_snapshot_fails_naming_the_command_that_writes_it()
    {
        var error = Assert.ThrowsAny<Exception>(() => Golden.VerifyAll("Dss", [("NotGenerated.g.cs", "// nothing")], update: false));

        Assert.Contains(Golden.UpdateCommand, error.Message, StringComparison.Ordinal);
    }
}
