using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.CertificateValidationAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class CertificateValidationTests
{
    [Fact]
    public Task Object_initializer_fires() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { [|DangerousAcceptAnyServerCertificate = true|] };
        """);

    [Fact]
    public Task Assignment_fires() => Verifier.VerifyAsync("""
        void Configure(DssClientOptions options) => [|options.DangerousAcceptAnyServerCertificate = true|];
        """);

    [Fact]
    public Task Api_node_options_fire() => Verifier.VerifyAsync("""
        DssApiNodeClientOptions Options() => new() { ServiceId = "scoring", [|DangerousAcceptAnyServerCertificate = true|] };
        """);

    [Fact]
    public Task Constant_true_fires() => Verifier.VerifyAsync("""
        const bool Insecure = true;

        void Configure(DssTransportOptions options) => [|options.DangerousAcceptAnyServerCertificate = Insecure|];
        """);

    [Fact]
    public Task Inside_a_branch_or_lambda_fires() => Verifier.VerifyAsync("""
        Action<DssClientOptions> Configure(bool development) => options =>
        {
            if (development)
            {
                [|options.DangerousAcceptAnyServerCertificate = true|];
            }
        };
        """);

    [Fact]
    public Task False_is_silent() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { DangerousAcceptAnyServerCertificate = false };
        """);

    [Fact]
    public Task Value_from_configuration_is_silent() => Verifier.VerifyAsync("""
        void Configure(DssClientOptions options, bool fromConfiguration) => options.DangerousAcceptAnyServerCertificate = fromConfiguration;
        """);

    [Fact]
    public Task Reading_the_option_is_silent() => Verifier.VerifyAsync("""
        bool Check(DssClientOptions options) => options.DangerousAcceptAnyServerCertificate == true;
        """);

    [Fact]
    public Task Other_options_are_silent() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { Timeout = TimeSpan.FromSeconds(5), UserAgent = "tests" };
        """);

    [Fact]
    public Task Own_property_of_the_same_name_is_silent() => Verifier.VerifyAsync("""
        private sealed class Mine
        {
            public bool DangerousAcceptAnyServerCertificate { get; set; }
        }

        void Configure() => new Mine().DangerousAcceptAnyServerCertificate = true;
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        DssClientOptions Options() => new() { DangerousAcceptAnyServerCertificate = 
        """, compiles: false);

    [Fact]
    public Task Handler_accepting_any_certificate_given_to_the_client_fires() => Verifier.VerifyAsync("""
        DssClientOptions Lambda()
        {
            var handler = new System.Net.Http.HttpClientHandler();
            [|handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|];
            return new DssClientOptions { Url = new Uri("https://dss"), HttpMessageHandler = handler };
        }

        DssClientOptions Validator() => new()
        {
            Url = new Uri("https://dss"),
            HttpClient = new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler
            {
                [|ServerCertificateCustomValidationCallback = System.Net.Http.HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|],
            }),
        };

        void BlockLambda(DssApiNodeClientOptions options)
        {
            var handler = new System.Net.Http.HttpClientHandler
            {
                [|ServerCertificateCustomValidationCallback = (_, _, _, _) => { return true; }|],
            };
            options.HttpClient = new System.Net.Http.HttpClient(handler);
        }
        """);

    [Fact]
    public Task Handlers_that_validate_or_are_not_given_to_the_client_are_silent() => Verifier.VerifyAsync("""
        DssClientOptions Pinned(string thumbprint)
        {
            var handler = new System.Net.Http.HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == thumbprint,
            };
            return new DssClientOptions { Url = new Uri("https://dss"), HttpMessageHandler = handler };
        }

        System.Net.Http.HttpClient OtherService() => new(new System.Net.Http.HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = System.Net.Http.HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        });
        """);
}
