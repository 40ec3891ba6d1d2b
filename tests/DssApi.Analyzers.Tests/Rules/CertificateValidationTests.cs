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
}
