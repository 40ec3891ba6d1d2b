using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;
using DssApi.Generator.Tests.Live;
using DssApi.Generator.Tests.Support;
using DssApi.Tests.Infrastructure;

namespace DssApi.Generator.Tests;

/// <summary>Fields DSS answers encrypted: the schema marks them, and the generated client keeps them safe.</summary>
public sealed class SecretFieldTests : IAsyncLifetime
{
    private const string EncryptedNodeKey = "$DSS_ENC$v2:kQ3c9Zp1";
    private const string EncryptedEventKey = "$DSS_ENC$v2:Tb77xYw0";
    private const string StaticInfraJson = $$"""
        { "id": "static", "type": "STATIC", "stage": "prod",
          "apiNodes": [ { "url": "http://a:12000", "adminAPIKey": "{{EncryptedNodeKey}}", "graphitePrefix": "a" } ],
          "defaultApiNodeLogging": { "eventServerURL": "http://events:10000", "eventServerAuthKey": "{{EncryptedEventKey}}", "kafkaTopic": "q" } }
        """;

    private static readonly SchemaDocument DssSchema = SchemaReader.Read("/schemas/dss-api.json", isDefault: true, GeneratorHarness.DssSchemaText, CancellationToken.None);

    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("ApiNode", "adminAPIKey")]
    [InlineData("ApiNodeLogging", "eventServerAuthKey")]
    public void The_dss_schema_marks_the_credentials_of_infrastructures_secret(string type, string wire) =>
        Assert.True(Field(type, wire).Secret, $"{type}.{wire} is a credential");

    [Fact]
    public void Fields_without_the_flag_are_not_secret() => Assert.False(Field("ApiNode", "url").Secret);

    [Fact]
    public void The_dss_schema_reads_without_errors() => Assert.Empty(DssSchema.Diagnostics);

    [Fact]
    public void The_catalog_lists_the_secret_fields_of_each_kind_of_dss_settings()
    {
        var catalog = Assert.Single(SchemaMerger.Merge([DssSchema], CancellationToken.None).Items.OfType<SecretFieldCatalogItem>());
        string[] Paths(string settings) => [.. catalog.Settings.Single(entry => entry.SettingsName == settings).Paths];

        Assert.Equal(["ApiServiceSettings", "DeploymentSettings", "InfraSettings", "PublishedServiceSettings"], catalog.Settings.Select(entry => entry.SettingsName));
        Assert.Equal(["defaultApiNodeLogging.eventServerAuthKey", "apiNodes[].adminAPIKey"], Paths("InfraSettings"));
        Assert.Empty(Paths("ApiServiceSettings"));
    }

    [Fact]
    public void The_catalog_follows_maps_and_lists_stops_at_types_that_hold_themselves_and_stays_internal()
    {
        const string schema = """
            {
              "records": { "Node": { "fields": { "key": { "type": "string", "secret": true }, "children": "list<Node>" } } },
              "settings": { "S": { "identity": { "id": "string" }, "fields": { "nodes": "map<Node>", "token": { "type": "string", "secret": true }, "plain": "string" },
                                   "save": { "method": "PUT", "path": "/s/{id}" } } }
            }
            """;

        var run = GeneratorHarness.Run([("/project/s.dssapi.json", schema)], new Dictionary<string, string> { ["DssApiAccessibility"] = "public" });

        Assert.Empty(run.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        var catalog = run.Result.GeneratedSources.Single(source => source.HintName == "DssSecretFieldPaths.g.cs").SourceText.ToString();
        Assert.Contains("internal static class DssSecretFieldPaths", catalog, StringComparison.Ordinal);
        Assert.Contains("S { get; } = new string[] { \"nodes.*.key\", \"token\" };", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_type_named_like_the_catalog_is_reported_instead_of_generated_twice()
    {
        var run = GeneratorHarness.Run([("/project/s.dssapi.json", """{ "records": { "DssSecretFieldPaths": { "fields": { "a": "string" } } } }""")]);

        Assert.Contains(run.SchemaDiagnostics, diagnostic => diagnostic.Id == Diagnostics.DiagnosticDescriptors.DuplicateNameId);
    }

    [Fact]
    public async Task Reading_secrets_changes_nothing_and_a_save_sends_back_what_dss_sent()
    {
        _server.Reply("GET", "/infras/static/settings", StaticInfraJson);
        using var client = _server.CreateClient();
        var settings = Assert.IsType<StaticInfraSettings>(await client.GetApiDeployer().GetInfra("static").GetSettingsAsync());

        Assert.Equal(EncryptedNodeKey, settings.ApiNodes[0].AdminApiKey);
        Assert.Equal(EncryptedEventKey, settings.DefaultApiNodeLogging?.EventServerAuthKey);
        Assert.False(settings.HasChanges);

        settings.Stage = "production";
        await settings.SaveAsync();

        var sent = JsonNode.Parse(_server.Requests[^1].Body)!;
        Assert.Equal(EncryptedNodeKey, sent["apiNodes"]![0]!["adminAPIKey"]!.GetValue<string>());
        Assert.Equal(EncryptedEventKey, sent["defaultApiNodeLogging"]!["eventServerAuthKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_clear_secret_set_in_code_is_sent_and_never_logged()
    {
        const string clearKey = "clear-admin-key-5f2a";
        _server.Reply("GET", "/infras/static/settings", StaticInfraJson);
        using var logs = new CapturingLoggerProvider();
        using var client = _server.CreateClient(logs);
        var settings = Assert.IsType<StaticInfraSettings>(await client.GetApiDeployer().GetInfra("static").GetSettingsAsync());

        settings.ApiNodes[0].AdminApiKey = clearKey;
        Assert.True(settings.HasChanges);
        await settings.SaveAsync();

        Assert.Equal(clearKey, JsonNode.Parse(_server.Requests[^1].Body)!["apiNodes"]![0]!["adminAPIKey"]!.GetValue<string>());
        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(clearKey, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(clearKey, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_shows_secret_fields_as_stars()
    {
        var node = new ApiNode { Url = "http://a:12000", AdminApiKey = "clear-admin-key" };
        var logging = new ApiNodeLogging { EventServerAuthKey = "clear-event-key", KafkaTopic = "q" };

        Assert.Equal("""{"url":"http://a:12000","adminAPIKey":"***"}""", node.ToString());
        Assert.Equal("""{"eventServerAuthKey":"***","kafkaTopic":"q"}""", logging.ToString());
        Assert.Equal("clear-admin-key", node.AdminApiKey);
    }

    [Fact]
    public void ToString_hides_the_secrets_of_the_objects_held_in_fields_lists_and_maps()
    {
        var type = CompileFixture();
        const string json = """
            { "first": { "text": "a", "count": 1, "best": { "name": "p", "token": "clear-1" } },
              "second": { "text": "b", "count": 2 },
              "spares": [ { "name": "s", "token": "clear-2" }, 7 ],
              "sparesByName": { "t": { "token": "clear-3" } } }
            """;

        var pair = type("Pair").GetMethod("FromJson")!.Invoke(null, [JsonNode.Parse(json)!.AsObject()])!;

        Assert.Equal(
            """{"first":{"text":"a","count":1,"best":{"name":"p","token":"***"}},"second":{"text":"b","count":2},"spares":[{"name":"s","token":"***"},7],"sparesByName":{"t":{"token":"***"}}}""",
            pair.ToString());
    }

    private static FieldDef Field(string type, string wire) =>
        DssSchema.Objects.Single(o => o.Name == type).Fields.Single(f => f.Wire == wire);

    /// <summary>The fixture schema's generated types, compiled and loaded.</summary>
    private static Func<string, Type> CompileFixture()
    {
        var run = GeneratorHarness.Run([("/project/widgets.dssapi.json", GeneratorHarness.FixtureText("widgets.dssapi.json"))],
            new Dictionary<string, string> { ["DssApiNamespace"] = "Fixture.Widgets", ["DssApiAccessibility"] = "public" });
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var assembly = new AssemblyLoadContext("fixture", isCollectible: true).LoadFromStream(image);
        return name => assembly.GetType("Fixture.Widgets." + name, throwOnError: true)!;
    }
}
