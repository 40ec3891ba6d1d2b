using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DssApi.Cli.Commands;

/// <summary>What every verb shares: the console, the connection options and <c>--output</c>.</summary>
internal sealed record CliContext(CliConsole Console, CliConnection Connection, Option<string> Output)
{
    /// <summary>True when <c>--output json</c> asks for data instead of text.</summary>
    public bool Json(ParseResult parse) => parse.GetValue(Output) == "json";

    /// <summary>Runs a verb against DSS: opens the client, runs, maps the expected failures to exit code 1.</summary>
    public void SetAction(Command command, Func<ParseResult, DssClient, CancellationToken, Task<int>> run) =>
        command.SetAction((parse, cancellationToken) => DssCli.RunGuardedAsync(Console, async () =>
        {
            using var client = Connection.Open(parse, Console);
            return await run(parse, client, cancellationToken);
        }));

    /// <summary>Writes a result: its JSON for <c>--output json</c>, else the sentence.</summary>
    public int Done(ParseResult parse, JsonObject data, string text)
    {
        if (Json(parse))
        {
            Console.WriteJson(data);
        }
        else
        {
            Console.Out.WriteLine(text);
        }

        return DssCli.Success;
    }

    /// <summary>A <c>--timeout</c> option: a duration such as <c>90s</c>, <c>10m</c>, <c>1h</c> or <c>500ms</c>.</summary>
    public static Option<string> TimeoutOption(string defaultValue, string what) => new("--timeout")
    {
        Description = $"How long to wait for {what}: 500ms, 90s, 10m, 1h (default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>Reads a duration of <see cref="TimeoutOption"/>.</summary>
    /// <exception cref="CliUsageException">The text is not a positive number followed by ms, s, m or h.</exception>
    public static TimeSpan ParseDuration(string option, string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms")
            : text.Length > 0 && "smh".Contains(text[^1]) ? (text[..^1], text[^1..])
            : (text, "");
        return unit.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            }
            : throw new CliUsageException($"Invalid {option} '{text}': give a duration such as 500ms, 90s, 10m or 1h");
    }

    /// <summary>A job's progress as a line: its id and its current steps.</summary>
    public static string DescribeJob(DssFutureStatus status) =>
        $"job {status.JobId}: {(status.IsAlive ? string.Join(" / ", status.States.Select(state => state.Name)) : "finished")}";

    /// <summary>Waits for a job with progress; a failure, an abort or the timeout becomes an error that names the job.</summary>
    public async Task<T> WaitAsync<T>(DssFuture<T> job, string what, ParseResult parse, Option<string> timeoutOption, CancellationToken cancellationToken)
    {
        var timeoutText = parse.GetValue(timeoutOption)!;
        var timeout = ParseDuration(timeoutOption.Name, timeoutText);
        try
        {
            var result = default(T);
            await Console.WithProgressAsync($"Waiting for {what}", async report =>
                result = await job.WaitForCompletionAsync(timeout, new SynchronousProgress<DssFutureStatus>(status => report(DescribeJob(status))), cancellationToken));
            return result!;
        }
        catch (DssTimeoutException)
        {
            throw new CliFailureException($"{what} did not finish within {timeoutText}; it goes on in DSS: wait again with dssapi futures wait {job.Id}");
        }
        catch (Exception exception) when (exception is DssApiException or DssJobFailedException or DssFutureAbortedException)
        {
            throw new CliFailureException($"{what} failed: {exception.Message}");
        }
    }
}
