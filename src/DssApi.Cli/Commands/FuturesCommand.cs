using System.CommandLine;
using System.Text.Json.Nodes;

namespace DssApi.Cli.Commands;

/// <summary><c>dssapi futures wait</c>: wait for a DSS job started earlier, e.g. by <c>dssapi deploy</c> without <c>--wait</c>.</summary>
internal static class FuturesCommand
{
    public static Command Create(CliContext cli)
    {
        var jobId = new Argument<string>("jobId") { Description = "The job id, as printed by the command that started the job." };
        var timeout = CliContext.TimeoutOption("30m", "the job");
        var wait = new Command("wait", "Wait until a DSS job finishes, showing its progress; exit code 1 when it fails, is aborted or outlasts --timeout.") { jobId, timeout };
        cli.SetAction(wait, async (parse, client, cancellationToken) =>
        {
            var id = parse.GetValue(jobId)!;
            var result = await cli.WaitAsync(client.GetFuture(id), $"Job {id}", parse, timeout, cancellationToken);
            return cli.Done(parse, new JsonObject { ["jobId"] = id, ["result"] = result?.DeepClone() }, $"Job {id} finished: {result?.ToJsonString() ?? "no result"}");
        });
        return new Command("futures", "Long-running DSS jobs.") { wait };
    }
}
