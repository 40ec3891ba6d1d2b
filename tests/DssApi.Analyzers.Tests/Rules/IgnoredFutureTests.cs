using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.IgnoredFutureAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class IgnoredFutureTests
{
    [Fact]
    public Task Awaited_start_as_a_statement_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            await [|deployment.StartUpdateAsync()|];
            await [|deployment.StartUpdateAsync()|].ConfigureAwait(false);
        }
        """);

    [Fact]
    public Task Start_not_even_awaited_fires() => Verifier.VerifyAsync("""
        void Run(DssApiDeployerDeployment deployment)
        {
            [|deployment.StartUpdateAsync()|];
        }
        """);

    [Fact]
    public Task Future_kept_in_a_local_never_read_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            var future = await [|deployment.StartUpdateAsync()|];
            Console.WriteLine("started");
        }
        """);

    [Fact]
    public Task Future_kept_beside_a_constant_choice_and_never_read_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, bool verbose)
        {
            var future = await [|deployment.StartUpdateAsync()|];
            Console.WriteLine(verbose ? "started" : "");
        }
        """);

    [Fact]
    public Task Future_read_after_a_constant_choice_is_fine() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, bool verbose)
        {
            var future = await deployment.StartUpdateAsync();
            var label = (verbose ? "waiting for " : "") + future.Id;
            await future.WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Future_kept_past_a_guard_and_never_read_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, bool verbose)
        {
            var future = await [|deployment.StartUpdateAsync()|];
            if (!verbose)
            {
                return;
            }

            Console.WriteLine("started");
        }
        """);

    [Fact]
    public Task Future_overwritten_before_any_read_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, bool again)
        {
            var future = await [|deployment.StartUpdateAsync()|];
            if (again)
            {
                future = await deployment.StartUpdateAsync();
            }
            else
            {
                future = await deployment.StartUpdateAsync();
            }

            await future.WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Started_task_kept_and_awaited_as_a_statement_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            var started = [|deployment.StartUpdateAsync()|];
            Console.WriteLine("starting");
            await started;
        }
        """);

    [Fact]
    public Task Started_task_kept_then_its_future_waited_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            var started = deployment.StartUpdateAsync();
            var future = await started;
            await future.WaitForCompletionAsync();
            var again = deployment.StartUpdateAsync();
            await (await again).WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Lambdas_and_async_local_functions_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            async Task Local() => await [|deployment.StartUpdateAsync()|];
            Func<Task> lambda = async () => { await [|deployment.StartUpdateAsync()|]; };
            await Local();
            await lambda();
        }
        """);

    [Fact]
    public Task Waited_future_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync();
            var future = await deployment.StartUpdateAsync();
            await future.WaitForCompletionAsync();
        }
        """);

    [Fact]
    public Task Future_read_on_one_branch_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment, bool wait)
        {
            var future = await deployment.StartUpdateAsync();
            if (wait)
            {
                await future.WaitForCompletionAsync();
            }
        }
        """);

    [Fact]
    public Task Returned_or_stored_future_is_silent() => Verifier.VerifyAsync("""
        private object? _job;

        Task<DssFuture<DeploymentUpdateResult?>> Start(DssApiDeployerDeployment deployment) => deployment.StartUpdateAsync();

        async Task<string?> Keep(DssApiDeployerDeployment deployment)
        {
            var future = await deployment.StartUpdateAsync();
            _job = future;
            return future.Id;
        }
        """);

    [Fact]
    public Task Explicit_discard_and_captured_future_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            _ = await deployment.StartUpdateAsync();
            var future = await deployment.StartUpdateAsync();
            Func<Task> later = () => future.WaitForCompletionAsync();
            await later();
        }
        """);

    [Fact]
    public Task Members_without_a_future_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            await deployment.DeleteAsync();
            await deployment.GetStatusAsync();
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            var future = await deployment.StartUpdateAsync(
            future.
        }
        """, compiles: false);
}
