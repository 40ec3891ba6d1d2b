using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Emulator;
using Json.Schema;
using YamlDotNet.RepresentationModel;
using DssApi.TestSupport;

namespace DssApi.Deploy.Tests;

public class SampleTests
{
    private static readonly string Repository = TestRepository.Root;
    private static readonly string SamplePath = Path.Combine(Repository, "samples", "Deploy", "dss.yaml");
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository, "src", "DssApi.Deploy", "desired-state.schema.json")));

    [Fact]
    public async Task The_sample_applies_to_the_emulator_and_a_second_plan_has_no_changes()
    {
        await using var dss = await DssEmulator.StartAsync();
        using var client = new DssClient(new DssClientOptions { Url = new Uri(dss.Url), ApiKey = dss.AdminApiKey, HttpMessageHandler = new SocketsHttpHandler { UseProxy = false } });
        string? Environment(string name) => name switch { "DSS_API_NODE_URL" => dss.Url, "DSS_API_NODE_KEY" => "node-admin-key", _ => null };

        await (await DesiredState.Load(SamplePath, Environment).PlanAsync(client)).ApplyAsync();

        Assert.Equal(DeploymentHealth.Healthy, (await client.GetApiDeployer().GetDeployment("churn-scoring-dev").GetHeavyStatusAsync()).Health);
        Assert.False((await DesiredState.Load(SamplePath, Environment).PlanAsync(client)).HasChanges);
    }

    [Fact]
    public void The_sample_is_valid_against_the_shipped_schema()
    {
        Assert.True(Validate(YamlToJson(File.ReadAllText(SamplePath))), "the sample breaks the schema");
    }

    [Theory]
    [InlineData("deployments: [ { id: d, service: s, infra: i, version: v1, colour: red } ]")]
    [InlineData("deployments: [ { id: d, service: s, infra: i } ]")]
    [InlineData("infrastructures: [ { id: i, stage: s, type: ON_PREMISE } ]")]
    public void The_schema_rejects_what_the_loader_rejects(string yaml)
    {
        Assert.False(Validate(YamlToJson(yaml)));
        Assert.Throws<DesiredStateException>(() => DesiredState.Parse(Encoding.UTF8.GetBytes(yaml), "bad.yaml"));
    }

    private static bool Validate(JsonNode document) =>
        Schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement).IsValid;

    // The schema speaks JSON; YAML's plain scalars are typed as the loader types them.
    private static JsonNode YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
            YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when scalar.Value is "true" or "false" => JsonValue.Create(scalar.Value == "true"),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => null,
        };
    }
}
