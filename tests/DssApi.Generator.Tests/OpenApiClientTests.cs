using DssApi.Generator.Diagnostics;
using DssApi.Generator.Model;
using DssApi.Generator.OpenApi;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.Generator.Tests;

/// <summary>The typed clients generated from OpenAPI documents of deployed services (DssApiServiceClient additional files).</summary>
public sealed class OpenApiClientTests
{
    private const string DocumentPath = "/project/churn-scoring.openapi.json";
    private const string ClientMetadata = "build_metadata.AdditionalFiles.DssApiServiceClient";

    private static string FixtureDocument => GeneratorHarness.FixtureText("churn-scoring.openapi.json");

    internal static GeneratorRun Run(params (string Path, string Client, string Text)[] documents) =>
        GeneratorHarness.Run(
            documents.Select(d => (AdditionalText)new InMemoryAdditionalText(d.Path, d.Text)),
            new Dictionary<string, string> { ["DssApiIncludeDefaultSchema"] = "false" },
            fileOptions: documents.ToDictionary(d => d.Path, d => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [ClientMetadata] = d.Client }));

    internal static string Minimal(string featureSchema) => $$"""
        {
          "openapi": "3.1.0",
          "info": { "title": "mini" },
          "paths": {
            "/churn/predict": { "post": {
              "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "features": { "type": "object", "properties": { "x": {{featureSchema}} } } } } } } },
              "responses": { "200": { "content": { "application/json": { "schema": { "type": "object", "properties": { "result": { "type": "object", "properties": { "prediction": { "type": "number" } } } } } } } } }
            } }
          }
        }
        """;

    [Fact]
    public void Emulator_document_client_matches_the_snapshot_and_compiles_cleanly()
    {
        var run = Run((DocumentPath, "ChurnScoring", FixtureDocument));

        Assert.Empty(run.SchemaDiagnostics);
        Golden.VerifyAll("OpenApi", run.Result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void Features_and_results_are_typed_from_the_document()
    {
        var source = Run((DocumentPath, "ChurnScoring", FixtureDocument)).Result.GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("public double? TenureMonths { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public ChurnContract? Contract { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public static ChurnContract MonthToMonth { get; }", source, StringComparison.Ordinal);
        Assert.Contains("public ChurnPredictionValue? Prediction { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public ChurnPredictionProbabilities? Probabilities { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public required global::System.DateTimeOffset Date { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("PredictManyAsync(global::System.Collections.Generic.IEnumerable<ChurnFeatures> records", source, StringComparison.Ordinal);
        Assert.Contains("public HousePriceEndpoint HousePrice { get; }", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_non_nullable_features_are_required_properties()
    {
        var document = Minimal("""{ "type": "integer" }""").Replace("\"properties\": { \"x\"", "\"required\": [\"x\"], \"properties\": { \"x\"", StringComparison.Ordinal);
        var run = Run(("/project/mini.openapi.json", "Mini", document));

        Assert.Contains("public required long X { get; init; }", run.Result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void A_csharp_edit_leaves_every_step_cached()
    {
        var run = Run((DocumentPath, "ChurnScoring", FixtureDocument));
        var oldTree = run.Input.SyntaxTrees.Single();
        var edited = run.Input.ReplaceSyntaxTree(oldTree,
            CSharpSyntaxTree.ParseText("namespace Consumer; internal static class Program { private static int Answer => 42; }", GeneratorHarness.ParseOptions, oldTree.FilePath));

        IncrementalAssert.AllCached(run.Next(run.Driver, edited).Result);
    }

    [Fact]
    public void Editing_one_document_regenerates_only_its_client()
    {
        var other = new InMemoryAdditionalText("/project/mini.openapi.json", Minimal("""{ "type": "number" }"""));
        var churn = new InMemoryAdditionalText(DocumentPath, FixtureDocument);
        var fileOptions = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [other.Path] = new Dictionary<string, string> { [ClientMetadata] = "Mini" },
            [churn.Path] = new Dictionary<string, string> { [ClientMetadata] = "ChurnScoring" },
        };
        var run = GeneratorHarness.Run([churn, other], new Dictionary<string, string> { ["DssApiIncludeDefaultSchema"] = "false" }, fileOptions: fileOptions);
        var driver = run.Driver.ReplaceAdditionalText(other, new InMemoryAdditionalText(other.Path, Minimal("""{ "type": "string" }""")));

        var next = run.Next(driver, run.Input);

        var reasons = IncrementalAssert.Reasons(next.Result, TrackingNames.OpenApiGenerated);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("string? X", next.Result.GeneratedSources.Single(s => s.HintName == "MiniClient.OpenApi.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_documents_give_diagnostics_and_never_an_exception()
    {
        var original = FixtureDocument;
        var random = new Random(314);
        var options = new GeneratorOptions("DssApi", IsPublic: false, TargetVersion: null, Generate: true, IncludeDefaultSchema: false);
        const string Noise = "\"{}[],:\\0x";
        var withDiagnostics = 0;
        for (var i = 0; i < 1500; i++)
        {
            var damaged = random.Next(3) switch
            {
                0 => original[..random.Next(original.Length)],
                1 => original.Remove(random.Next(original.Length - 1), 1),
                _ => original.Insert(random.Next(original.Length), Noise[random.Next(Noise.Length)].ToString()),
            };

            var client = OpenApiReader.Read(new OpenApiSource(DocumentPath, "ChurnScoring", damaged), CancellationToken.None);
            if (client.Endpoints.Count > 0)
            {
                Assert.NotEmpty(OpenApiEmitter.Emit(client, options, CancellationToken.None).Text);
            }

            withDiagnostics += client.Diagnostics.Count > 0 ? 1 : 0;
        }

        Assert.True(withDiagnostics > 700, $"only {withDiagnostics} of 1500 damaged documents were reported");
    }
}
