using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.NewerThanTargetAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class NewerThanTargetTests
{
    [Fact]
    public Task Method_newer_than_the_target_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await [|deployment.ListUpdatesAsync()|];
        """, targetVersion: "13.0");

    [Fact]
    public Task Property_newer_than_the_target_fires() => Verifier.VerifyAsync("""
        string? Read(DeploymentSettings settings) => [|settings.EndpointId|];
        """, targetVersion: "12.0");

    [Fact]
    public Task Enum_value_newer_than_the_target_fires() => Verifier.VerifyAsync("""
        InfraType Pick() => [|InfraType.Databricks|];
        """, targetVersion: "12.0");

    [Fact]
    public Task Guard_for_an_older_version_does_not_help() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, Version server)
        {
            if (server >= new Version(13, 0))
            {
                await [|deployment.ListUpdatesAsync()|];
            }
        }
        """, targetVersion: "13.0");

    [Fact]
    public Task Lambdas_and_local_functions_fire() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            Func<Task> lambda = () => [|service.GetPackageSummaryAsync("v1")|];
            Task Local() => [|service.GetPackageSummaryAsync("v2")|];
            await lambda();
            await Local();
        }
        """, targetVersion: "13.0");

    [Fact]
    public Task Guarded_use_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, Version server)
        {
            if (server >= new Version(14, 1) && deployment.DeploymentId.Length > 0)
            {
                await deployment.ListUpdatesAsync();
            }

            if (server < Version.Parse("14.1"))
            {
                return;
            }
            else
            {
                await deployment.GetLastUpdateAsync();
            }
        }
        """, targetVersion: "13.0");

    [Fact]
    public Task Members_within_the_target_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await deployment.GetOpenApiAsync();
        """, targetVersion: "13.0");

    [Fact]
    public Task No_target_version_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await deployment.ListUpdatesAsync();
        """);

    [Fact]
    public Task Members_without_a_version_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await deployment.GetStatusAsync();
        """, targetVersion: "11.0");

    [Fact]
    public Task Target_newer_than_the_member_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await deployment.ListUpdatesAsync();
        """, targetVersion: "14.1");

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await [|deployment.ListUpdatesAsync()|]
        """, targetVersion: "13.0", compiles: false);
}
