using DssApi.Generator.Diagnostics;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Tests;

/// <summary>DSSG101–DSSG103: the diagnostics of OpenAPI documents given with DssApiServiceClient.</summary>
public sealed partial class DiagnosticTests
{
    [Theory]
    [InlineData("{ \"openapi\": ", "not valid JSON")]
    [InlineData("[]", "root is not a JSON object")]
    [InlineData("{ \"openapi\": \"2.0\", \"paths\": {} }", "version 3.x")]
    [InlineData("{ \"openapi\": \"3.0.3\" }", "no \"paths\" object")]
    public void DSSG101_fires_for_unreadable_documents_which_generate_nothing(string text, string problem)
    {
        var run = OpenApiClientTests.Run(("/project/bad.openapi.json", "Bad", text));

        var diagnostic = run.Single(DiagnosticDescriptors.UnreadableOpenApiId);
        Assert.Contains(problem, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("bad.openapi.json, line 1", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("/project/bad.openapi.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Theory]
    [InlineData("""{ "oneOf": [{ "type": "string" }, { "type": "number" }] }""", "not of one JSON type")]
    [InlineData("""{ "$ref": "#/components/schemas/Missing" }""", "names nothing in the document")]
    [InlineData("""{ "$ref": "https://example.com/x.json" }""", "only references inside the document")]
    [InlineData("""{ "type": ["string", "number"] }""", "not of one JSON type")]
    public void DSSG102_fires_for_constructs_that_cannot_be_typed_which_become_raw_json(string schema, string problem)
    {
        var run = OpenApiClientTests.Run(("/project/mini.openapi.json", "Mini", OpenApiClientTests.Minimal(schema)));

        var diagnostic = run.Single(DiagnosticDescriptors.UntypedOpenApiConstructId);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains(problem, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("public global::System.Text.Json.Nodes.JsonNode? X { get; init; }", run.Result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Theory]
    [InlineData("""{ "type": "number" }""", "double? X")]
    [InlineData("""{ "type": ["string", "null"] }""", "string? X")]
    [InlineData("""{ "anyOf": [{ "type": "boolean" }, { "type": "null" }] }""", "bool? X")]
    [InlineData("""{ "type": "string", "format": "date", "nullable": true }""", "global::System.DateTimeOffset? X")]
    public void DSSG102_does_not_fire_for_typed_constructs(string schema, string property)
    {
        var run = OpenApiClientTests.Run(("/project/mini.openapi.json", "Mini", OpenApiClientTests.Minimal(schema)));

        Assert.Empty(run.SchemaDiagnostics);
        Assert.Contains($"public {property} {{ get; init; }}", run.Result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG103_fires_for_a_client_name_that_is_not_an_identifier()
    {
        var run = OpenApiClientTests.Run(("/project/mini.openapi.json", "Churn Scoring", OpenApiClientTests.Minimal("""{ "type": "number" }""")));

        Assert.Contains("'Churn Scoring'", run.Single(DiagnosticDescriptors.InvalidServiceClientNameId).GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Fact]
    public void DSSG101_does_not_fire_for_an_OpenAPI_3_0_or_3_1_document()
    {
        var run = OpenApiClientTests.Run(
            ("/project/a.openapi.json", "A", OpenApiClientTests.Minimal("""{ "type": "number" }""")),
            ("/project/b.openapi.json", "B", OpenApiClientTests.Minimal("""{ "type": "number" }""").Replace("3.1.0", "3.0.3", StringComparison.Ordinal)));

        Assert.Empty(run.SchemaDiagnostics);
        Assert.Equal(2, run.Result.GeneratedSources.Length);
    }

    [Fact]
    public void DSSG103_does_not_fire_for_an_identifier()
    {
        var run = OpenApiClientTests.Run(("/project/mini.openapi.json", "ChurnScoring2", OpenApiClientTests.Minimal("""{ "type": "number" }""")));

        Assert.Empty(run.SchemaDiagnostics);
        Assert.Equal("ChurnScoring2Client.OpenApi.g.cs", run.Result.GeneratedSources.Single().HintName);
    }
}
