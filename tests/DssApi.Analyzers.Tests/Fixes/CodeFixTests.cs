using DssApi.CodeFixes;
using DssApi.Generator.Analyzers;

namespace DssApi.Analyzers.Tests.Fixes;

/// <summary>Each fix applied one diagnostic at a time and, where a test has several, to all of them at once.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Useless_saves_are_removed() => Support.CodeFixVerifier<SaveWithoutChangesAnalyzer, RemoveSaveCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            await [|settings.SaveAsync()|];
            settings.Name = "scoring";
            await settings.SaveAsync();
            await [|settings.SaveAsync()|].ConfigureAwait(false);
        }
        """,
        """
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "scoring";
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Missing_saves_are_added_after_the_last_modification() => Support.CodeFixVerifier<UnsavedChangesAnalyzer, AddSaveCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiService service, DssApiDeployerDeployment deployment)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "scoring";
            [|settings.AddPredictionEndpoint("churn", "model-1")|];
            var deploymentSettings = await deployment.GetSettingsAsync();
            [|deploymentSettings.SetEnabled(true)|];
            Console.WriteLine("done");
        }
        """,
        """
        async Task Run(DssApiService service, DssApiDeployerDeployment deployment)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "scoring";
            settings.AddPredictionEndpoint("churn", "model-1");
            await settings.SaveAsync();
            var deploymentSettings = await deployment.GetSettingsAsync();
            deploymentSettings.SetEnabled(true);
            await deploymentSettings.SaveAsync();
            Console.WriteLine("done");
        }
        """);

    [Fact]
    public Task Ignored_futures_are_waited_for() => Support.CodeFixVerifier<IgnoredFutureAnalyzer, WaitForFutureCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiDeployerDeployment first, DssApiDeployerDeployment second)
        {
            await [|first.StartUpdateAsync()|];
            [|second.StartUpdateAsync()|];
        }
        """,
        """
        async Task Run(DssApiDeployerDeployment first, DssApiDeployerDeployment second)
        {
            await (await first.StartUpdateAsync()).WaitForCompletionAsync();
            await (await second.StartUpdateAsync()).WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Streams_are_declared_with_using() => Support.CodeFixVerifier<UndisposedStreamAnalyzer, AwaitUsingCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiService service, Stream file)
        {
            var archive = await [|service.DownloadPackageStreamAsync("v1")|];
            var second = await [|service.DownloadPackageStreamAsync("v2")|];
            await archive.CopyToAsync(file);
            await second.CopyToAsync(file);
        }
        """,
        """
        async Task Run(DssApiService service, Stream file)
        {
            await using var archive = await service.DownloadPackageStreamAsync("v1");
            await using var second = await service.DownloadPackageStreamAsync("v2");
            await archive.CopyToAsync(file);
            await second.CopyToAsync(file);
        }
        """);

    [Fact]
    public Task Created_deployments_are_started() => Support.CodeFixVerifier<UnstartedDeploymentAnalyzer, StartDeploymentCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiDeployer deployer)
        {
            var first = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
            var second = await [|deployer.CreateDeploymentAsync("d2", "svc", "infra", "v1")|];
        }
        """,
        """
        async Task Run(DssApiDeployer deployer)
        {
            var first = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            await (await first.StartUpdateAsync()).WaitForCompletionAsync();
            var second = await deployer.CreateDeploymentAsync("d2", "svc", "infra", "v1");
            await (await second.StartUpdateAsync()).WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Ignored_arguments_are_removed() => Support.CodeFixVerifier<IgnoredArgumentAnalyzer, RemoveArgumentCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1", [|endpointId: "churn"|]);
            await deployer.CreateDeploymentAsync("d2", "svc", infra.InfraId, "v1", [|"churn"|], ignoreWarnings: true);
        }
        """,
        """
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1");
            await deployer.CreateDeploymentAsync("d2", "svc", infra.InfraId, "v1", ignoreWarnings: true);
        }
        """);

    [Fact]
    public Task Fixes_pass_the_cancellation_token_in_scope() => Support.CodeFixVerifier<UnsavedChangesAnalyzer, AddSaveCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiService service, CancellationToken cancellationToken)
        {
            var settings = await service.GetSettingsAsync(cancellationToken);
            [|settings.Name = "scoring"|];
        }

        async Task Local(DssApiService service)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var token = timeout.Token;
            var settings = await service.GetSettingsAsync(token);
            [|settings.Name = "scoring"|];
        }
        """,
        """
        async Task Run(DssApiService service, CancellationToken cancellationToken)
        {
            var settings = await service.GetSettingsAsync(cancellationToken);
            settings.Name = "scoring";
            await settings.SaveAsync(cancellationToken);
        }

        async Task Local(DssApiService service)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var token = timeout.Token;
            var settings = await service.GetSettingsAsync(token);
            settings.Name = "scoring";
            await settings.SaveAsync(token);
        }
        """);

    [Fact]
    public Task Waits_and_starts_pass_the_cancellation_token_in_scope() => Support.CodeFixVerifier<IgnoredFutureAnalyzer, WaitForFutureCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiDeployerDeployment deployment, CancellationToken cancellationToken)
        {
            await [|deployment.StartUpdateAsync(cancellationToken)|];
        }
        """,
        """
        async Task Run(DssApiDeployerDeployment deployment, CancellationToken cancellationToken)
        {
            await (await deployment.StartUpdateAsync(cancellationToken)).WaitForCompletionAsync(cancellationToken);
        }
        """);

    [Fact]
    public Task Started_deployments_get_the_cancellation_token_in_scope() => Support.CodeFixVerifier<UnstartedDeploymentAnalyzer, StartDeploymentCodeFix>.VerifyAsync(
        """
        async Task Run(DssApiDeployer deployer, CancellationToken cancellationToken)
        {
            var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1", cancellationToken: cancellationToken)|];
        }
        """,
        """
        async Task Run(DssApiDeployer deployer, CancellationToken cancellationToken)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1", cancellationToken: cancellationToken);
            await (await deployment.StartUpdateAsync(cancellationToken)).WaitForCompletionAsync(cancellationToken);
        }
        """);

    [Fact]
    public Task Turning_certificate_validation_back_on_removes_the_override() => Support.CodeFixVerifier<CertificateValidationAnalyzer, RemoveCertificateOverrideCodeFix>.VerifyAsync(
        """
        DssApiNodeClientOptions Options() => new() { ServiceId = "scoring", [|DangerousAcceptAnyServerCertificate = true|] };

        void Configure(DssClientOptions options)
        {
            options.Url = new Uri("https://dss");
            [|options.DangerousAcceptAnyServerCertificate = true|];
        }
        """,
        """
        DssApiNodeClientOptions Options() => new() { ServiceId = "scoring" };

        void Configure(DssClientOptions options)
        {
            options.Url = new Uri("https://dss");
        }
        """);

    [Fact]
    public Task Keys_are_read_from_the_environment() => Support.CodeFixVerifier<ApiKeyLiteralAnalyzer, ReadKeyFromEnvironmentCodeFix>.VerifyAsync(
        """
        DssClient Client() => new("https://dss", [|"dkuaps-1234"|]);
        """,
        """
        DssClient Client() => new("https://dss", Environment.GetEnvironmentVariable("DSS_API_KEY") ?? throw new InvalidOperationException("Set the environment variable DSS_API_KEY to the API key."));
        """);

    [Fact]
    public Task Keys_are_read_from_the_configuration_in_scope() => Support.CodeFixVerifier<ApiKeyLiteralAnalyzer, ReadKeyFromConfigurationCodeFix>.VerifyAsync(
        """
        DssClientOptions Options(Microsoft.Extensions.Configuration.IConfiguration configuration) => new() { Url = new Uri("https://dss"), ApiKey = [|"dkuaps-1234"|] };
        """,
        """
        DssClientOptions Options(Microsoft.Extensions.Configuration.IConfiguration configuration) => new() { Url = new Uri("https://dss"), ApiKey = configuration["Dss:ApiKey"] ?? throw new InvalidOperationException("Set Dss:ApiKey in the configuration to the API key.") };
        """);
}
