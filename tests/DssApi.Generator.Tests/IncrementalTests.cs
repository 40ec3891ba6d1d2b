using DssApi.Generator.Model;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.Generator.Tests;

/// <summary>What the generator reuses across edits: everything for C# edits, all but the edited type for schema edits.</summary>
public sealed class IncrementalTests
{
    private static readonly InMemoryAdditionalText DssSchema = new(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText);

    [Fact]
    public void A_csharp_edit_leaves_every_step_cached()
    {
        var run = GeneratorHarness.Run([DssSchema]);
        var oldTree = run.Input.SyntaxTrees.Single();
        var edited = run.Input.ReplaceSyntaxTree(
            oldTree,
            CSharpSyntaxTree.ParseText("namespace Consumer; internal static class Program { private static int Answer => 42; }", GeneratorHarness.ParseOptions, oldTree.FilePath));

        var next = run.Next(run.Driver, edited);

        IncrementalAssert.AllCached(next.Result);
    }

    [Fact]
    public void Editing_a_type_description_regenerates_that_type_and_the_returns_docs_that_quote_it()
    {
        var run = GeneratorHarness.Run([DssSchema]);
        var editedText = GeneratorHarness.DssSchemaText.Replace(
            "\"description\": \"A lifecycle stage that infrastructures belong to (development, production, ...).\"",
            "\"description\": \"A lifecycle stage of infrastructures.\"",
            StringComparison.Ordinal);
        Assert.NotEqual(GeneratorHarness.DssSchemaText, editedText);
        var driver = run.Driver.ReplaceAdditionalText(DssSchema, new InMemoryAdditionalText(GeneratorHarness.DefaultSchemaPath, editedText));

        var next = run.Next(driver, run.Input);

        var reasons = IncrementalAssert.Reasons(next.Result, TrackingNames.Sources);
        Assert.All(reasons.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        var modified = next.Result.TrackedSteps[TrackingNames.Sources]
            .SelectMany(step => step.Outputs)
            .Where(output => output.Reason == IncrementalStepRunReason.Modified)
            .Select(output => ((GeneratedSource)output.Value).HintName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["DssApiDeployer.g.cs", "Stage.g.cs"], modified);
        string Source(string hintName) => next.Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
        Assert.Contains("<summary>A lifecycle stage of infrastructures.</summary>", Source("Stage.g.cs"), StringComparison.Ordinal);
        Assert.Contains("<returns>A list; each item is a lifecycle stage of infrastructures.</returns>", Source("DssApiDeployer.g.cs"), StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(next.Output);
    }

    [Fact]
    public void Adding_a_field_to_a_referenced_record_leaves_the_types_that_mention_it_cached()
    {
        var run = GeneratorHarness.Run([DssSchema]);
        var editedText = GeneratorHarness.DssSchemaText.Replace(
            "\"nbExplanations\": {",
            "\"nbTrees\": \"integer\", \"nbExplanations\": {",
            StringComparison.Ordinal);
        var driver = run.Driver.ReplaceAdditionalText(DssSchema, new InMemoryAdditionalText(GeneratorHarness.DefaultSchemaPath, editedText));

        var next = run.Next(driver, run.Input);

        var modified = next.Result.TrackedSteps[TrackingNames.Sources]
            .SelectMany(step => step.Outputs)
            .Where(output => output.Reason == IncrementalStepRunReason.Modified)
            .Select(output => ((GeneratedSource)output.Value).HintName)
            .ToList();
        Assert.Equal(["ExplanationParams.g.cs"], modified);
    }

    [Fact]
    public void Step_outputs_hold_no_compiler_objects()
    {
        var run = GeneratorHarness.Run([DssSchema, new InMemoryAdditionalText("/project/widgets.dssapi.json", GeneratorHarness.FixtureText("widgets.dssapi.json"))]);

        IncrementalAssert.NoCompilerObjects(run.Result);
    }

    [Fact]
    public void Changing_the_namespace_property_regenerates_every_file_in_the_new_namespace()
    {
        var run = GeneratorHarness.Run([DssSchema]);
        var driver = GeneratorHarness.CreateDriver([DssSchema], new Dictionary<string, string> { ["DssApiNamespace"] = "Other.Place" });

        var next = run.Next(driver, run.Input);

        Assert.All(next.Result.GeneratedSources, s => Assert.Contains("namespace Other.Place;", s.SourceText.ToString(), StringComparison.Ordinal));
        GeneratorHarness.AssertCompilesCleanly(next.Output);
    }
}
