using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.UnstartedDeploymentAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class UnstartedDeploymentTests
{
    [Fact]
    public Task Created_and_left_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
            Console.WriteLine(deployment.DeploymentId);
        }
        """);

    [Fact]
    public Task Dropped_in_a_member_that_starts_nothing_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
        }
        """);

    [Fact]
    public Task Starting_another_deployment_does_not_count() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, DssApiDeployerDeployment other)
        {
            var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
            await (await other.StartUpdateAsync()).WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Handle_replaced_before_the_start_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
            deployment = deployer.GetDeployment("d0");
            await deployment.StartUpdateAsync();
        }
        """);

    [Fact]
    public Task Lambdas_and_local_functions_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            async Task Local()
            {
                var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
                await deployment.GetStatusAsync();
            }

            Func<Task> lambda = async () =>
            {
                var deployment = await [|deployer.CreateDeploymentAsync("d2", "svc", "infra", "v1")|];
            };
            await Local();
            await lambda();
        }
        """);

    [Fact]
    public Task Started_deployment_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Started_on_some_path_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool now)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            if (now)
            {
                await deployment.StartUpdateAsync();
            }
        }
        """);

    [Fact]
    public Task Handed_on_deployment_is_silent() => Verifier.VerifyAsync("""
        async Task<DssApiDeployerDeployment> Returned(DssApiDeployer deployer)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            return deployment;
        }

        async Task Passed(DssApiDeployer deployer, List<DssApiDeployerDeployment> pending)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            pending.Add(deployment);
        }
        """);

    [Fact]
    public Task Dropped_but_started_by_id_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            await deployer.GetDeployment("d1").StartUpdateAsync();
        }
        """);

    [Fact]
    public Task Captured_deployment_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            Func<Task> start = () => deployment.StartUpdateAsync();
            await start();
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1",
            deployment.
        }
        """, compiles: false);

    [Fact]
    public Task Deployments_only_logged_or_formatted_fire() => Verifier.VerifyAsync("""
        async Task Interpolated(DssApiDeployer deployer)
        {
            var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
            Console.WriteLine($"Created {deployment}");
        }

        async Task Logged(DssApiDeployer deployer)
        {
            var deployment = await [|deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1")|];
            Log("Created {0} on {1}", deployment, "infra");
            Console.WriteLine(deployment);
            System.Diagnostics.Trace.WriteLine("created " + deployment);
        }

        static void Log(string format, params object[] args) => Console.WriteLine(format, args);
        """);

    [Fact]
    public Task Deployments_logged_and_started_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            Console.WriteLine($"Created {deployment}, starting it");
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
        }

        async Task HandedToTypedCode(DssApiDeployer deployer, List<DssApiDeployerDeployment> created)
        {
            var deployment = await deployer.CreateDeploymentAsync("d1", "svc", "infra", "v1");
            Console.WriteLine($"Created {deployment}");
            created.Add(deployment);
        }
        """);

    [Fact]
    public Task Reading_the_id_through_a_null_conditional_is_not_handing_on() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool retry)
        {
            DssApiDeployerDeployment? deployment = null;
            try
            {
                deployment = await [|deployer.CreateDeploymentAsync("d1", "churn", "infra", "v1")|];
            }
            catch (DssApiException) when (retry)
            {
                Console.WriteLine("already there");
            }

            Console.WriteLine(deployment?.DeploymentId ?? "existing");
        }
        """);
}
