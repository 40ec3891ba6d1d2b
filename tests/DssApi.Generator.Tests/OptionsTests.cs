using DssApi.Generator.Diagnostics;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Tests;

/// <summary>The MSBuild properties and item metadata that steer generation.</summary>
public sealed class OptionsTests
{
    private const string Tiny = """{ "enums": { "Mode": { "values": { "ON": "On" } } }, "records": { "Thing": { "since": "14.0", "fields": { "mode": { "type": "Mode", "since": "13.0" } } } } }""";

    [Fact]
    public void Types_are_internal_in_the_DssApi_namespace_by_default()
    {
        var run = GeneratorHarness.Run([("/project/tiny.dssapi.json", Tiny)]);

        var thing = Source(run, "Thing.g.cs");
        Assert.Contains("namespace DssApi;", thing, StringComparison.Ordinal);
        Assert.Contains("internal sealed partial class Thing", thing, StringComparison.Ordinal);
    }

    [Fact]
    public void Accessibility_public_makes_types_public()
    {
        var run = GeneratorHarness.Run([("/project/tiny.dssapi.json", Tiny)], new Dictionary<string, string> { ["DssApiAccessibility"] = "public" });

        Assert.Contains("public sealed partial class Thing", Source(run, "Thing.g.cs"), StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void Without_a_target_version_every_versioned_member_carries_DssSince()
    {
        var run = GeneratorHarness.Run([("/project/tiny.dssapi.json", Tiny)]);

        var thing = Source(run, "Thing.g.cs");
        Assert.Contains("DssSince(\"14.0\")", thing, StringComparison.Ordinal);
        Assert.Contains("DssSince(\"13.0\")", thing, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_version_keeps_DssSince_only_on_newer_members()
    {
        var run = GeneratorHarness.Run([("/project/tiny.dssapi.json", Tiny)], new Dictionary<string, string> { ["DssApiTargetVersion"] = "13.2" });

        var thing = Source(run, "Thing.g.cs");
        Assert.Contains("DssSince(\"14.0\")", thing, StringComparison.Ordinal);
        Assert.DoesNotContain("DssSince(\"13.0\")", thing, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_false_turns_generation_off()
    {
        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)], new Dictionary<string, string> { ["DssApiGenerate"] = "false" });

        Assert.Empty(run.Result.GeneratedSources);
    }

    [Fact]
    public void Include_default_schema_false_leaves_the_default_schema_out_and_keeps_the_project_schema()
    {
        var run = GeneratorHarness.Run(
            [(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText), ("/project/tiny.dssapi.json", Tiny)],
            new Dictionary<string, string> { ["DssApiIncludeDefaultSchema"] = "false" });

        Assert.Equal(["Mode.g.cs", "Thing.g.cs"], run.Result.GeneratedSources.Select(s => s.HintName).Order());
    }

    [Fact]
    public void Schema_files_are_recognised_by_name_or_by_metadata_and_other_files_are_ignored()
    {
        AdditionalText[] files =
        [
            new InMemoryAdditionalText("/project/flagged.json", Tiny),
            new InMemoryAdditionalText("/project/unrelated.json", """{ "records": { "Other": {} } }"""),
        ];
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["/project/flagged.json"] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.DssApiSchema"] = "true" },
        };

        var run = GeneratorHarness.Run(files, fileOptions: metadata);

        Assert.Equal(["Mode.g.cs", "Thing.g.cs"], run.Result.GeneratedSources.Select(s => s.HintName).Order());
    }

    [Fact]
    public void An_invalid_namespace_falls_back_to_the_default_and_says_so()
    {
        var run = GeneratorHarness.Run([("/project/tiny.dssapi.json", Tiny)], new Dictionary<string, string> { ["DssApiNamespace"] = "My..Name space" });

        Assert.Contains("namespace DssApi;", Source(run, "Thing.g.cs"), StringComparison.Ordinal);
        Assert.Contains("DssApiNamespace is 'My..Name space'", run.Single(DiagnosticDescriptors.InvalidNamespaceId).GetMessage(), StringComparison.Ordinal);
    }

    private static string Source(GeneratorRun run, string hintName) =>
        run.Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
