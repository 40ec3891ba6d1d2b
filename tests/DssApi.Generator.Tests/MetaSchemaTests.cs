using DssApi.Generator.Tests.Support;
using Json.Schema;

namespace DssApi.Generator.Tests;

/// <summary>The meta-schema accepts the schemas of this repository and rejects what the language does not have.</summary>
public sealed class MetaSchemaTests
{
    private static readonly JsonSchema MetaSchema = JsonSchema.FromText(GeneratorHarness.MetaSchemaText);

    [Fact]
    public void The_dss_schema_is_valid() => AssertValid(GeneratorHarness.DssSchemaText);

    [Fact]
    public void The_fixture_schema_is_valid() => AssertValid(GeneratorHarness.FixtureText("widgets.dssapi.json"));

    [Theory]
    [InlineData("""{ "records": { "R": { "colour": "red" } } }""")]
    [InlineData("""{ "records": { "R": { "fields": { "a": "list<" } } } }""")]
    [InlineData("""{ "handles": { "H": { "routes": { "Go": { "method": "FETCH", "path": "/go" } } } } }""")]
    [InlineData("""{ "handles": { "H": { "routes": { "Go": { "method": "GET", "path": "go" } } } } }""")]
    [InlineData("""{ "settings": { "S": { "mutators": { "M": { "params": {} } } } } }""")]
    [InlineData("""{ "unions": { "U": { "cases": {} } } }""")]
    [InlineData("""{ "clients": { "MyClient": {} } }""")]
    [InlineData("""{ "enums": { "E": { "values": { "A": { "name": "1A" } } } } }""")]
    public void Constructs_the_language_does_not_have_are_rejected(string schema)
    {
        var result = MetaSchema.Evaluate(System.Text.Json.JsonDocument.Parse(schema).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
    }

    private static void AssertValid(string schema)
    {
        var result = MetaSchema.Evaluate(System.Text.Json.JsonDocument.Parse(schema).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, errors.Take(20)));
    }
}
