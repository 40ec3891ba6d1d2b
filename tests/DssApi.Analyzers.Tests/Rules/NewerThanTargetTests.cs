using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.NewerThanTargetAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class NewerThanTargetTests
{
    [Fact]
    public Task Method_newer_than_the_target_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment) => await [|deployment.ListUpdatesAsync()|];
        """, targetVersion: "13.0");

    [Fact]
    public Task Property_newer_than_the_target_fires_when_written() => Verifier.VerifyAsync("""
        async Task Pin(DssApiDeployerDeployment deployment, string endpoint)
        {
            var settings = await deployment.GetSettingsAsync();
            [|settings.EndpointId|] = endpoint;
            [|settings.EndpointId|] ??= "default";
            [|settings.AuthorizationsToQueryThroughDeployer|].Clear();
            await settings.SaveAsync();
        }
        """, targetVersion: "12.0");

    [Fact]
    public Task Reading_values_already_obtained_is_silent() => Verifier.VerifyAsync("""
        async Task Report(DssApiDeployerDeployment deployment)
        {
            var settings = await deployment.GetSettingsAsync();
            Console.WriteLine(settings.EndpointId ?? "(all endpoints)");
            Console.WriteLine(settings.AuthorizationsToQueryThroughDeployer.Count);
            foreach (var authorization in settings.AuthorizationsToQueryThroughDeployer)
            {
                Console.WriteLine($"{authorization.Group}: {authorization.QueryThroughDeployer}");
            }

            var update = await [|deployment.GetLastUpdateAsync()|];
            Console.WriteLine(update.StartTimestamp);
        }
        """, targetVersion: "13.0");

    [Fact]
    public Task Comparing_with_a_newer_enum_value_is_silent() => Verifier.VerifyAsync("""
        string Describe(InfraType type, InfraType? configured)
        {
            if (type == InfraType.Databricks || configured != InfraType.Databricks)
            {
                return "databricks";
            }

            return "other";
        }
        """, targetVersion: "12.0");

    [Fact]
    public Task Early_exit_when_the_server_is_older_guards_what_follows() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, Version server)
        {
            if (server < new Version(14, 1))
            {
                Console.WriteLine("updates are listed from DSS 14.1 on");
                return;
            }

            await deployment.ListUpdatesAsync();
        }

        async Task Throwing(DssApiDeployerDeployment deployment, Version server)
        {
            if (!(server >= Version.Parse("14.1")))
                throw new NotSupportedException("DSS 14.1 or later is needed");
            await deployment.GetLastUpdateAsync();
        }

        async Task Loop(IEnumerable<(DssApiDeployerDeployment Deployment, Version Server)> targets)
        {
            foreach (var (deployment, server) in targets)
            {
                if (server < new Version(14, 1)) continue;
                await deployment.ListUpdatesAsync();
            }
        }
        """, targetVersion: "13.0");

    [Fact]
    public Task Early_exit_that_does_not_prove_the_version_does_not_guard() => Verifier.VerifyAsync("""
        async Task TooOld(DssApiDeployerDeployment deployment, Version server)
        {
            if (server < new Version(13, 0)) return;
            await [|deployment.ListUpdatesAsync()|];
        }

        async Task WrongWay(DssApiDeployerDeployment deployment, Version server)
        {
            if (server >= new Version(14, 1)) return;
            await [|deployment.ListUpdatesAsync()|];
        }

        async Task DoesNotLeave(DssApiDeployerDeployment deployment, Version server)
        {
            if (server < new Version(14, 1)) Console.WriteLine("old server");
            await [|deployment.ListUpdatesAsync()|];
        }

        async Task AfterTheCall(DssApiDeployerDeployment deployment, Version server)
        {
            await [|deployment.ListUpdatesAsync()|];
            if (server < new Version(14, 1)) return;
        }
        """, targetVersion: "13.0");

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

    [Fact]
    public Task Reading_a_field_of_a_newer_record_through_its_method_is_silent() => Verifier.VerifyAsync("""
        async Task Print(DssApiDeployerDeployment deployment)
        {
            var update = await [|deployment.GetLastUpdateAsync()|];
            foreach (var line in update.Logs())
            {
                Console.WriteLine(line);
            }
        }
        """, targetVersion: "13.0");

    [Fact]
    public Task Version_check_with_the_constant_on_the_left_guards() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, Version server)
        {
            if (new Version(13, 0) <= server)
            {
                await deployment.RunTestQueriesAsync();
            }

            if (new Version(12, 0) <= server)
            {
                await [|deployment.RunTestQueriesAsync()|];
            }

            if (new Version(13, 0) > server)
            {
                return;
            }

            await deployment.RunTestQueriesAsync();
        }
        """, targetVersion: "12.0");
}
