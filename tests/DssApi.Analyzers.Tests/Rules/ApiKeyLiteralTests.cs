using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.ApiKeyLiteralAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class ApiKeyLiteralTests
{
    [Fact]
    public Task Literal_assigned_to_the_options_fires() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { Url = new Uri("https://dss"), ApiKey = [|"dkuaps-1234"|] };
        """);

    [Fact]
    public Task Literal_given_to_the_client_fires() => Verifier.VerifyAsync("""
        DssClient Client() => new("https://dss", [|"dkuaps-1234"|]);
        """);

    [Fact]
    public Task Secret_built_from_a_literal_fires() => Verifier.VerifyAsync("""
        DssSecret Secret() => new([|"dkuaps-1234"|]);
        """);

    [Fact]
    public Task Constant_and_node_key_fire() => Verifier.VerifyAsync("""
        const string Key = "dkuaps-1234";

        void Configure(DssApiNodeClientOptions options, StaticInfraSettings infra)
        {
            options.ApiKey = [|Key|];
            infra.AddApiNode("https://node:12000", [|"node-admin-key"|]);
        }
        """);

    [Fact]
    public Task Literal_inside_a_lambda_fires() => Verifier.VerifyAsync("""
        Func<DssSecret> Make() => () => [|"dkuaps-1234"|];
        """);

    [Fact]
    public Task Key_from_the_environment_is_silent() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { Url = new Uri("https://dss"), ApiKey = Environment.GetEnvironmentVariable("DSS_API_KEY")! };
        """);

    [Fact]
    public Task Key_from_a_parameter_is_silent() => Verifier.VerifyAsync("""
        DssClient Client(string key) => new("https://dss", key);
        """);

    [Fact]
    public Task Other_string_parameters_are_silent() => Verifier.VerifyAsync("""
        void Configure(StaticInfraSettings infra, string key)
        {
            infra.AddApiNode("https://node:12000", key, graphitePrefix: "node-1");
        }
        """);

    [Fact]
    public Task Bearer_token_from_configuration_is_silent() => Verifier.VerifyAsync("""
        void Configure(DssApiNodeClientOptions options, Func<string, string> configuration)
        {
            options.BearerToken = configuration("token");
            options.ServiceId = "scoring";
        }
        """);

    [Fact]
    public Task Null_key_is_silent() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { ApiKey = null };
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { ApiKey = "abc"
        """.Replace("\"abc\"", "[|\"abc\"|]"), compiles: false);

    [Fact]
    public Task Literal_used_as_a_fallback_fires() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new()
        {
            Url = new Uri("https://dss"),
            ApiKey = Environment.GetEnvironmentVariable("DSS_API_KEY") ?? [|"dkuaps-1234"|],
        };

        DssClient Client(bool production) => new("https://dss", production ? Environment.GetEnvironmentVariable("DSS_API_KEY")! : [|"dkuaps-dev-5678"|]);
        """);

    [Fact]
    public Task Static_readonly_field_holding_a_literal_fires() => Verifier.VerifyAsync("""
        private static readonly string DssKey = "dkuaps-1234";

        DssClient Client() => new("https://dss", [|DssKey|]);

        void Configure(DssApiNodeClientOptions options) => options.ApiKey = [|DssKey|];
        """);

    [Fact]
    public Task Fallbacks_and_fields_without_a_key_are_silent() => Verifier.VerifyAsync("""
        private static readonly string FromEnvironment = Environment.GetEnvironmentVariable("DSS_API_KEY") ?? "";
        private static readonly string Empty = "";

        DssClientOptions Options(string? configured) => new()
        {
            Url = new Uri("https://dss"),
            ApiKey = configured ?? Environment.GetEnvironmentVariable("DSS_API_KEY") ?? throw new InvalidOperationException("Set DSS_API_KEY"),
        };

        DssClient Client() => new("https://dss", FromEnvironment);

        DssClient Blank() => new("https://dss", Empty);
        """);

    [Fact]
    public Task Local_given_a_literal_and_never_changed_fires() => Verifier.VerifyAsync("""
        DssClient Connect(string url, bool sandbox)
        {
            var key = "dkuaps-local-1234";
            using var first = new DssClient(url, [|key|]);

            var changed = "dkuaps-draft";
            changed = Environment.GetEnvironmentVariable("DSS_API_KEY")!;
            using var second = new DssClient(url, changed);

            var empty = "";
            return new DssClient(url, sandbox ? [|"dkuaps-sandbox"|] : empty);
        }
        """);
}
