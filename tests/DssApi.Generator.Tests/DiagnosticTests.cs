using DssApi.Generator.Diagnostics;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DssApi.TestSupport;

namespace DssApi.Generator.Tests;

/// <summary>Each schema diagnostic: where it must fire (id, file, line, column), and a near miss where it must not.</summary>
public sealed partial class DiagnosticTests
{
    private const string SchemaPath = "/project/test.dssapi.json";
    private const string ConfiguredSchema = """{ "records": { "Thing": { "since": "14.0", "fields": { "name": "string" } } } }""";

    [Fact]
    public void DSSG001_malformed_json_points_at_the_error()
    {
        const string schema = "{\n  \"enums\": {\n    \"A\": { \"values\": { \"X\": \"X\" } \n  }\n";

        var diagnostic = Single(schema, DiagnosticDescriptors.MalformedJsonId);

        AssertAt(diagnostic, line: 4, column: 0);
        Assert.EndsWith("(test.dssapi.json, line 5)", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(SchemaPath, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG001_does_not_fire_for_valid_json_with_a_byte_order_mark() =>
        AssertNone("\uFEFF{ \"enums\": { \"A\": { \"values\": { \"X\": \"X\" } } } }");

    [Fact]
    public void DSSG002_unknown_construct_points_at_the_key()
    {
        const string schema = """
            {
              "records": {
                "R": { "fields": { "a": "string" }, "colour": "red" }
              }
            }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        AssertAt(diagnostic, schema, "\"colour\"");
        Assert.Contains("'colour' is not a construct of record 'R'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_unknown_http_method_points_at_the_method()
    {
        const string schema = """
            { "handles": { "H": { "routes": { "Go": { "method": "FETCH", "path": "/go" } } } } }
            """;

        AssertAt(Single(schema, DiagnosticDescriptors.UnknownConstructId), schema, "\"FETCH\"");
    }

    [Theory]
    [InlineData("""{ "handles": { "H": { "routes": { "Go": { "method": "GET", "path": "/go", "returns": "json", "returnsDescription": 3 } } } } }""", "3")]
    [InlineData("""{ "records": { "R": { "fields": { "a": "string" }, "computed": { "ToJob": { "future": true, "values": { "jobId": "/a" }, "returnsDescription": ["the job"] } } } } }""", "[\"the job\"]")]
    public void DSSG002_a_returns_description_that_is_not_a_string_points_at_it(string schema, string value)
    {
        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        AssertAt(diagnostic, schema, value);
        Assert.Contains("'returnsDescription' must be a string", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_does_not_fire_for_a_returns_description_that_is_a_string() =>
        AssertNone("""{ "handles": { "H": { "routes": { "Go": { "method": "GET", "path": "/go", "returns": "json", "returnsDescription": "What went." } } } } }""");

    [Theory]
    [InlineData("""{ "method": "GET", "path": "/go", "once": { "check": "whether it went" } }""", "\"once\"", "needs a POST route")]
    [InlineData("""{ "method": "POST", "path": "/go", "returns": "json", "once": { "exists": "/gone", "check": "whether it went" } }""", "\"once\"", "needs a POST route")]
    [InlineData("""{ "method": "POST", "path": "/go", "once": { "lists": "{a}", "check": "whether it went" } }""", "\"{a}\"", "needs 'exists'")]
    [InlineData("""{ "method": "POST", "path": "/go", "params": { "a": { "type": "string", "optional": true } }, "once": { "exists": "/gone/{a}", "check": "c" } }""", "\"once\"", "'a', which needs a fallback")]
    [InlineData("""{ "method": "POST", "path": "/go", "params": { "a": "string" }, "once": { "exists": "/gone", "fallbacks": { "a": "b" }, "check": "c" } }""", "\"once\"", "must map an optional string parameter")]
    [InlineData("""{ "method": "POST", "path": "/go", "once": { "exists": "/gone" } }""", "\"once\"", "'check'")]
    [InlineData("""{ "method": "POST", "path": "/go", "recover": { "from": "/went", "status": "s", "succeeded": "OK", "failed": "KO" } }""", "\"recover\"", "needs a route that returns a future")]
    [InlineData("""{ "method": "POST", "path": "/go", "returns": "future<json>", "recover": { "from": "went", "status": "s", "succeeded": "OK", "failed": "KO" } }""", "\"went\"", "must start with '/'")]
    [InlineData("""{ "method": "DELETE", "path": "/go", "params": { "force": "string" }, "guard": { "read": "Read", "when": "/on", "unless": "force", "message": "m", "fix": { "settings": "Settings", "set": { "on": false } } } }""", "\"guard\"", "not a bool parameter")]
    [InlineData("""{ "method": "DELETE", "path": "/go", "params": { "force": "bool" }, "guard": { "read": "Nowhere", "when": "/on", "unless": "force", "message": "m", "fix": { "settings": "Settings", "set": { "on": false } } } }""", "\"guard\"", "reads 'Nowhere'")]
    [InlineData("""{ "method": "DELETE", "path": "/go", "params": { "force": "bool" }, "guard": { "read": "Read", "when": "/on", "unless": "force", "message": "m", "fix": { "settings": "Read", "set": { "on": false } } } }""", "\"guard\"", "fixes 'Read'")]
    [InlineData("""{ "method": "DELETE", "path": "/go", "params": { "force": "bool" }, "guard": { "read": "Read", "when": "enabled", "unless": "force", "message": "m", "fix": { "settings": "Settings", "set": { "on": false } } } }""", "\"enabled\"", "must start with '/'")]
    [InlineData("""{ "method": "DELETE", "path": "/go", "params": { "force": "bool" }, "guard": { "read": "Read", "when": "/on", "unless": "force", "message": "m" } }""", "\"guard\"", "needs 'fix'")]
    public void DSSG002_misused_once_or_recover_points_at_it(string route, string marker, string message)
    {
        var schema = $$"""
            {
              "records": { "R": { "fields": { "on": "bool" } } },
              "settings": { "S": { "identity": { "id": "string" }, "fields": { "on": "bool" }, "save": { "method": "PUT", "path": "/s/{id}" } } },
              "handles": { "H": { "identity": { "id": "string" }, "routes": {
                "Read": { "method": "GET", "path": "/r", "returns": "R" },
                "Settings": { "method": "GET", "path": "/s/{id}", "returns": "S" },
                "Go": {{route}} } } }
            }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        AssertAt(diagnostic, schema, marker);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "handle": "H", "values": { "other": "/id" } }""", "must name exactly: id")]
    [InlineData("""{ "handle": "H", "values": { "id": "id" } }""", "must be a JSON pointer")]
    [InlineData("""{ "future": true, "values": { "id": "/id" } }""", "must name exactly: jobId")]
    [InlineData("""{ "handle": "H", "route": "Ping", "values": {} }""", "not a route of 'H' that returns an object")]
    [InlineData("""{ "handle": "H", "route": "Read", "values": {} }""", "every required one (page)")]
    [InlineData("""{ "handle": "H", "values": { "id": "/id" }, "where": { "kind": "/kind" } }""", "'each' (and 'where') go only with")]
    [InlineData("""{ "future": true, "handle": "H", "values": { "jobId": "/id" } }""", "either to a 'handle'")]
    public void DSSG002_misused_handle_member_points_at_it(string member, string message)
    {
        var schema = $$"""
            {
              "records": { "R": { "fields": { "id": "string" }, "computed": { "Link": {{member}} } } },
              "handles": { "H": { "identity": { "id": "string" }, "routes": {
                "Ping": { "method": "GET", "path": "/ping", "returns": "json" },
                "Read": { "method": "GET", "path": "/r/{page}", "params": { "page": "integer" }, "returns": "R" } } } }
            }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_secret_field_that_is_not_a_string_points_at_its_type()
    {
        const string schema = """
            { "records": { "R": { "fields": { "pin": { "type": "integer", "secret": true } } } } }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        AssertAt(diagnostic, schema, "\"integer\"");
        Assert.Contains("field 'pin' of record 'R' is secret, so its type must be string", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_does_not_fire_for_a_secret_string_field() =>
        AssertNone("""{ "records": { "R": { "fields": { "key": { "type": "string", "secret": true } } } } }""");

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("\"10m\"")]
    public void DSSG002_slow_route_timeout_that_is_not_a_whole_number_of_seconds_points_at_it(string value)
    {
        var schema = $$"""{ "slowRouteTimeoutSeconds": {{value}} }""";

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        AssertAt(diagnostic, schema, value);
        Assert.Contains("'slowRouteTimeoutSeconds' must be a whole number of seconds above 0", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_slow_route_without_a_slow_route_timeout_points_at_the_route()
    {
        const string schema = """
            { "handles": { "H": { "routes": { "Build": { "method": "POST", "path": "/build", "slow": true } } } } }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownConstructId);

        AssertAt(diagnostic, schema, "\"Build\"");
        Assert.Contains("route 'Build' of 'H' is slow, so a schema file needs 'slowRouteTimeoutSeconds'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_does_not_fire_for_a_slow_route_with_a_slow_route_timeout() =>
        AssertNone("""{ "slowRouteTimeoutSeconds": 60, "handles": { "H": { "routes": { "Build": { "method": "POST", "path": "/build", "slow": true } } } } }""");

    [Fact]
    public void DSSG005_placeholder_of_a_check_missing_points_at_the_once()
    {
        const string schema = """
            { "handles": { "H": { "routes": { "Go": { "method": "POST", "path": "/go", "once": { "check": "whether {thing} went" } } } } } }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.MissingPathParameterId);

        AssertAt(diagnostic, schema, "\"once\"");
        Assert.Contains("'{thing}'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG002_does_not_fire_for_every_construct_of_the_language() =>
        AssertNone(GeneratorHarness.FixtureText("widgets.dssapi.json"));

    [Fact]
    public void DSSG003_unknown_type_points_at_the_type()
    {
        const string schema = """
            { "records": { "R": { "fields": { "a": "list<Missing>" } } } }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.UnknownTypeId);

        AssertAt(diagnostic, schema, "\"list<Missing>\"");
        Assert.Contains("'list<Missing>'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG003_does_not_fire_for_types_declared_in_another_file()
    {
        var run = GeneratorHarness.Run(
        [
            ("/project/a.dssapi.json", """{ "records": { "R": { "fields": { "s": "S" } } } }"""),
            ("/project/b.dssapi.json", """{ "records": { "S": { "fields": { "x": "integer" } } } }"""),
        ]);

        Assert.Empty(run.SchemaDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void DSSG004_duplicate_key_points_at_the_second_key()
    {
        const string schema = """
            { "records": { "R": { "fields": { "a": "string", "b": "bool", "a": "integer" } } } }
            """;

        AssertAt(Single(schema, DiagnosticDescriptors.DuplicateNameId), schema, "\"a\": \"integer\"");
    }

    [Fact]
    public void DSSG004_same_type_name_in_two_sections_points_at_the_second()
    {
        const string schema = """
            {
              "enums": { "Thing": { "values": { "A": "A" } } },
              "records": { "Thing": { "fields": { "a": "string" } } }
            }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.DuplicateNameId);

        AssertAt(diagnostic, schema, "\"Thing\": { \"fields\"");
    }

    [Fact]
    public void DSSG004_does_not_fire_for_equal_field_names_in_different_records() =>
        AssertNone("""{ "records": { "A": { "fields": { "id": "string" } }, "B": { "fields": { "id": "string" } } } }""");

    [Fact]
    public void DSSG005_path_parameter_missing_points_at_the_path()
    {
        const string schema = """
            { "handles": { "H": { "identity": { "hId": "string" }, "routes": { "Go": { "method": "GET", "path": "/h/{hId}/items/{itemId}" } } } } }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.MissingPathParameterId);

        AssertAt(diagnostic, schema, "\"/h/{hId}/items/{itemId}\"");
        Assert.Contains("'{itemId}'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG005_does_not_fire_when_the_parameter_is_declared() =>
        AssertNone("""
            { "handles": { "H": { "identity": { "hId": "string" }, "routes": { "Go": { "method": "GET", "path": "/h/{hId}/items/{itemId}", "params": { "itemId": "string" } } } } } }
            """);

    [Fact]
    public void DSSG006_invalid_identifier_points_at_the_name()
    {
        const string schema = """
            { "records": { "R": { "fields": { "kind": { "type": "string", "name": "class" } } } } }
            """;

        var diagnostic = Single(schema, DiagnosticDescriptors.InvalidIdentifierId);

        AssertAt(diagnostic, schema, "\"class\"");
    }

    [Fact]
    public void DSSG006_does_not_fire_when_a_wire_name_becomes_a_valid_identifier() =>
        AssertNone("""{ "records": { "R": { "fields": { "class": "string", "k8s-namespace": "string" } } } }""");

    [Fact]
    public void DSSG007_conflicting_extension_points_at_the_later_file()
    {
        const string extension = """{ "records": { "Stage": { "fields": { "id": "integer" } } } }""";

        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText), ("/project/extra.dssapi.json", extension)]);

        var diagnostic = run.Single(DiagnosticDescriptors.ConflictingExtensionId);
        Assert.Equal("/project/extra.dssapi.json", diagnostic.Location.GetLineSpan().Path);
        AssertAt(diagnostic, extension, "\"id\"");
        Assert.Contains("dss-api.json(", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG007_a_second_slow_route_timeout_that_differs_points_at_it()
    {
        const string extension = """{ "slowRouteTimeoutSeconds": 30 }""";

        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText), ("/project/extra.dssapi.json", extension)]);

        var diagnostic = run.Single(DiagnosticDescriptors.ConflictingExtensionId);
        AssertAt(diagnostic, extension, "\"slowRouteTimeoutSeconds\"");
        Assert.Contains("slowRouteTimeoutSeconds' is already declared differently at /project/dss-api.json(", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSSG007_does_not_fire_for_a_slow_route_timeout_repeated_unchanged()
    {
        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText), ("/project/extra.dssapi.json", """{ "slowRouteTimeoutSeconds": 600 }""")]);

        Assert.Empty(run.SchemaDiagnostics);
    }

    [Fact]
    public void DSSG007_does_not_fire_for_an_extension_that_adds_members()
    {
        const string extension = """
            {
              "enums": { "InfraType": { "values": { "ON_PREM_GPU": "OnPremGpu" } } },
              "records": { "Stage": { "fields": { "id": { "type": "string", "required": true, "description": "The stage id." }, "owner": "string" } } },
              "unions": {
                "Endpoint": {
                  "editable": true, "discriminator": "type", "discriminatorType": "EndpointType",
                  "cases": { "LLM_PROMPT": { "name": "PromptEndpoint", "fields": { "prompt": "string" } } }
                }
              },
              "settings": {
                "ApiServiceSettings": {
                  "mutators": {
                    "AddPromptEndpoint": {
                      "params": { "endpointId": "string", "prompt": "string" },
                      "appendTo": "endpoints",
                      "template": { "id": "{endpointId}", "type": "LLM_PROMPT", "prompt": "{prompt}" }
                    }
                  }
                }
              }
            }
            """;

        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText), ("/project/extra.dssapi.json", extension)]);

        Assert.Empty(run.SchemaDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        var sources = run.Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Contains("OnPremGpu", sources["InfraType.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public string? Owner", sources["Stage.g.cs"], StringComparison.Ordinal);
        Assert.Contains("\"LLM_PROMPT\" => new global::DssApi.PromptEndpoint(json)", sources["Endpoint.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public global::DssApi.PromptEndpoint AddPromptEndpoint(string endpointId, string prompt)", sources["ApiServiceSettings.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme-Dss")]
    [InlineData("Acme.class")]
    public void DSSG008_invalid_namespace_names_the_property_the_value_and_what_is_accepted(string value) =>
        AssertConfigurationProblem("DssApiNamespace", value, DiagnosticDescriptors.InvalidNamespaceId, "give identifiers separated by dots, such as Acme.Dss");

    [Theory]
    [InlineData("Acme.Dss")]
    [InlineData("_Acme.Dss2")]
    public void DSSG008_does_not_fire_for_a_namespace(string value) => AssertNoConfigurationProblem("DssApiNamespace", value);

    [Theory]
    [InlineData("v13")]
    [InlineData("13.x")]
    public void DSSG009_invalid_target_version_names_the_property_the_value_and_what_is_accepted(string value) =>
        AssertConfigurationProblem("DssApiTargetVersion", value, DiagnosticDescriptors.InvalidTargetVersionId, "give numbers separated by dots, such as 13.2 or 12.4.0");

    [Theory]
    [InlineData("13.2")]
    [InlineData("12.4.0")]
    public void DSSG009_does_not_fire_for_a_dss_version(string value) => AssertNoConfigurationProblem("DssApiTargetVersion", value);

    [Theory]
    [InlineData("Public-ish")]
    [InlineData("protected")]
    public void DSSG010_invalid_accessibility_names_the_property_the_value_and_what_is_accepted(string value) =>
        AssertConfigurationProblem("DssApiAccessibility", value, DiagnosticDescriptors.InvalidAccessibilityId, "give public or internal");

    [Theory]
    [InlineData("public")]
    [InlineData("Internal")]
    [InlineData("  ")]
    public void DSSG010_does_not_fire_for_public_or_internal(string value) => AssertNoConfigurationProblem("DssApiAccessibility", value);

    [Fact]
    public void DSSG100_below_the_required_CSharp_version_is_one_error_naming_the_LangVersion_to_set_and_nothing_is_generated()
    {
        var run = RunAt(LanguageVersion.CSharp7_3, GeneratorHarness.DssSchemaText);

        var diagnostic = run.Single(DiagnosticDescriptors.LanguageVersionTooLowId);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains("needs C# 10.0 or later", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("compiles as C# 7.3", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("<LangVersion>10.0</LangVersion>", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Fact]
    public void DSSG100_does_not_fire_at_the_required_CSharp_version_and_the_generated_code_compiles_there()
    {
        var run = RunAt(DssApiGenerator.RequiredLanguageVersion, GeneratorHarness.DssSchemaText);

        Assert.Empty(run.SchemaDiagnostics);
        Assert.NotEmpty(run.Result.GeneratedSources);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    [Fact]
    public void DSSG100_does_not_fire_when_nothing_is_generated() =>
        Assert.Empty(RunAt(LanguageVersion.CSharp7_3, "{ }").SchemaDiagnostics);

    [Fact]
    public void The_required_CSharp_version_is_the_lowest_the_generated_code_compiles_with()
    {
        var generated = RunAt(DssApiGenerator.RequiredLanguageVersion, GeneratorHarness.DssSchemaText).Result.GeneratedSources;
        var oneBelow = new CSharpParseOptions((LanguageVersion)((int)DssApiGenerator.RequiredLanguageVersion - 100), DocumentationMode.Diagnose);
        var compilation = GeneratorHarness.CreateCompilation(ConsumerAt73, oneBelow)
            .AddSyntaxTrees(generated.Select(source => CSharpSyntaxTree.ParseText(source.SourceText, oneBelow, source.HintName)));

        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    private const string ConsumerAt73 = "namespace Consumer { internal static class Program { } }";

    private static GeneratorRun RunAt(LanguageVersion version, string schema)
    {
        var parseOptions = new CSharpParseOptions(version, DocumentationMode.Diagnose);
        var driver = GeneratorHarness.CreateDriver([new InMemoryAdditionalText(GeneratorHarness.DefaultSchemaPath, schema)], parseOptions: parseOptions);
        var run = GeneratorRun.Start(driver, GeneratorHarness.CreateCompilation(ConsumerAt73, parseOptions));
        run.AssertRerunIsCached();
        return run;
    }

    [Fact]
    public void Every_diagnostic_id_has_a_test_here_and_a_documentation_page()
    {
        var tests = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).ToList();
        var docs = Path.Combine(TestRepository.Root, "docs", "diagnostics");
        foreach (var id in GeneratorRun.AllIds)
        {
            Assert.Contains(tests, name => name.StartsWith(id + "_", StringComparison.Ordinal) && !name.Contains("does_not", StringComparison.Ordinal));
            Assert.Contains(tests, name => name.StartsWith(id + "_does_not_fire", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(docs, id + ".md")), $"docs/diagnostics/{id}.md is missing");
            Assert.EndsWith($"docs/diagnostics/{id}.md", DiagnosticDescriptors.HelpLink(id), StringComparison.Ordinal);
        }

        var unshipped = File.ReadAllText(Path.Combine(TestRepository.Root, "src", "DssApi.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.All(GeneratorRun.AllIds, id => Assert.Contains(id + " |", unshipped, StringComparison.Ordinal));
    }

    private static void AssertConfigurationProblem(string property, string value, string id, string accepted)
    {
        var run = GeneratorHarness.Run([(SchemaPath, ConfiguredSchema)], new Dictionary<string, string> { [property] = value });

        var diagnostic = run.Single(id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains($"The MSBuild property {property} is '{value}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(accepted, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Single(run.SchemaDiagnostics);
        Assert.NotEmpty(run.Result.GeneratedSources);
    }

    private static void AssertNoConfigurationProblem(string property, string value)
    {
        var run = GeneratorHarness.Run([(SchemaPath, ConfiguredSchema)], new Dictionary<string, string> { [property] = value });

        Assert.Empty(run.SchemaDiagnostics);
    }

    private static Diagnostic Single(string schema, string id)
    {
        var run = GeneratorHarness.Run([(SchemaPath, schema)]);
        return run.Single(id);
    }

    private static void AssertNone(string schema)
    {
        var run = GeneratorHarness.Run([(SchemaPath, schema)]);
        Assert.Empty(run.SchemaDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
    }

    private static void AssertAt(Diagnostic diagnostic, string schema, string marker)
    {
        var offset = schema.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(offset >= 0, "marker not found: " + marker);
        var line = schema[..offset].Count(c => c == '\n');
        var column = offset - (schema.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1);
        if (offset == 0 || schema[offset - 1] == '\n')
        {
            column = 0;
        }

        AssertAt(diagnostic, line, column);
        Assert.EndsWith($", line {line + 1})", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }
}
