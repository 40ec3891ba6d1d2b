using System.CommandLine;
using DssApi.Cli.Commands;
using DssApi.Deploy;

namespace DssApi.Cli;

/// <summary>
/// The <c>dssapi</c> command line. Exit codes follow plan tools: 0 when nothing changes (or apply succeeded),
/// 2 when <c>plan</c> finds changes, 1 on any error.
/// </summary>
internal static class DssCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int ChangesPending = 2;

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The desired-state file (YAML, or JSON when it ends in .json)." };
        var connection = new CliConnection();
        var output = new Option<string>("--output") { Description = "text (the default) or json.", DefaultValueFactory = _ => "text", Recursive = true };
        output.AcceptOnlyFromAmong("text", "json");
        var prune = new Option<bool>("--prune") { Description = "Delete the deployments, published services and infrastructures, and remove the endpoints, that the file does not describe." };
        var resetSecrets = new Option<bool>("--reset-secrets") { Description = "Write the file's secrets again; without it a secret is written only when its object is created." };

        var plan = new Command("plan", "Show what apply would change; exit code 0 when nothing, 2 when something.") { file, prune, resetSecrets };
        var apply = new Command("apply", "Make DSS match the file, in dependency order, waiting for deployment updates.") { file, prune, resetSecrets };
        var cli = new CliContext(console, connection, output);
        var rollout = RolloutCommand.Create(console, connection, output);
        var root = new RootCommand("dssapi: desired state, guarded rollouts and the everyday verbs for Dataiku DSS API services, infrastructures and deployments.")
        {
            plan, apply, rollout,
            ServicesCommand.Create(cli), PackageCommands.CreatePackage(cli), PackageCommands.Publish(cli), DeployCommand.Create(cli),
            StatusCommand.Create(cli), FuturesCommand.Create(cli), OpenApiCommand.Create(cli),
        };
        root.Options.Add(connection.Url);
        root.Options.Add(connection.Config);
        root.Options.Add(connection.Profile);
        root.Options.Add(output);

        plan.SetAction((parse, cancellationToken) => RunGuardedAsync(console, async () =>
        {
            var (client, made) = await PlanAsync(parse, console, file, connection, prune, resetSecrets, cancellationToken);
            using (client)
            {
                Print(made, parse.GetValue(output) == "json", console);
                return made.HasChanges ? ChangesPending : Success;
            }
        }));
        apply.SetAction((parse, cancellationToken) => RunGuardedAsync(console, async () =>
        {
            var (client, made) = await PlanAsync(parse, console, file, connection, prune, resetSecrets, cancellationToken);
            using (client)
            {
                var json = parse.GetValue(output) == "json";
                if (!json)
                {
                    Print(made, json: false, console);
                }

                await console.WithProgressAsync("Applying", report =>
                    made.ApplyAsync(new SynchronousProgress<ApplyProgress>(step => report($"{step.Change}: {step.Message}")), cancellationToken));
                if (json)
                {
                    console.WriteJson(made.ToJson());
                }
                else
                {
                    console.Out.WriteLine(made.HasChanges ? "Apply complete." : "Nothing to apply.");
                }

                return Success;
            }
        }));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && console.InGitHubActions)
        {
            // A workflow shows annotations, not help text: a bad command line reads like any other error of the step.
            foreach (var error in parsed.Errors)
            {
                console.WriteError(error.Message);
            }

            return Failure;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }

    private static async Task<(DssClient Client, Plan Plan)> PlanAsync(ParseResult parse, CliConsole console, Argument<string> file, CliConnection connection,
        Option<bool> prune, Option<bool> resetSecrets, CancellationToken cancellationToken)
    {
        var state = DesiredState.Load(parse.GetValue(file)!, console.Environment);
        var client = connection.Open(parse, console);
        try
        {
            var options = new PlanOptions { Prune = parse.GetValue(prune), ResetSecrets = parse.GetValue(resetSecrets) };
            return (client, await state.PlanAsync(client, options, cancellationToken));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static async Task<int> RunGuardedAsync(CliConsole console, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (DesiredStateException exception)
        {
            foreach (var error in exception.Errors)
            {
                console.WriteError(error.Path.Length == 0 ? error.Message : $"{error.Path}: {error.Message}", error.File, error.Line, error.Column);
            }

            return Failure;
        }
        catch (Exception exception) when (exception is CliUsageException or CliFailureException or DesiredStateApplyException or RolloutFailedException or ArgumentException
            or InvalidOperationException or DssApiException or DssConnectionException
            or DssTimeoutException or DssOutcomeUnknownException or IOException or UnauthorizedAccessException)
        {
            console.WriteError(exception.Message);
            return Failure;
        }
    }

    private static void Print(Plan plan, bool json, CliConsole console)
    {
        if (json)
        {
            console.WriteJson(plan.ToJson());
            return;
        }

        PlanText.Write(plan, console.Out);
    }

}

/// <summary>Reports progress on the caller's thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>A command line that cannot run: no URL, no key, a bad URL, a bad config file.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>A command that ran and failed in a way it explains in one sentence: a job that failed or outlasted its timeout, an unhealthy deployment.</summary>
internal sealed class CliFailureException(string message) : Exception(message);
