using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace DssApi.Cli;

/// <summary>Where the tool writes and reads its environment, so tests can run it in-process.</summary>
/// <param name="Out">Standard output: plans, results, tables and JSON.</param>
/// <param name="Error">Standard error: errors and progress.</param>
/// <param name="Environment">The environment variables (<c>DSS_URL</c>, <c>DSS_API_KEY</c>, <c>GITHUB_ACTIONS</c>, and the file's <c>${NAME}</c> references).</param>
/// <param name="Interactive">True on a terminal a person reads: tables are drawn and progress is a live status line;
/// false when the output is redirected (pipelines, tests): plain lines.</param>
/// <param name="WorkingDirectory">Where <c>./dssapi.json</c> is looked for; the process's current directory when null.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment, bool Interactive = false,
    string? WorkingDirectory = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Whether the tool runs as a step of a GitHub Actions workflow, which turns <c>::error::</c> lines into annotations.</summary>
    public bool InGitHubActions => Environment("GITHUB_ACTIONS") == "true";

    /// <summary>
    /// Whether to draw for a person: standard output and error (tables, progress) are a terminal, the terminal can
    /// draw (<c>TERM</c> is not <c>dumb</c>), and no CI runner reads the log (those set <c>CI</c>, and GitHub Actions
    /// sets <c>GITHUB_ACTIONS</c>).
    /// </summary>
    public static bool IsInteractiveTerminal(bool redirected, Func<string, string?> environment) =>
        !redirected
        && environment("TERM") != "dumb"
        && string.IsNullOrEmpty(environment("CI"))
        && environment("GITHUB_ACTIONS") != "true";

    /// <summary>Writes an error: an annotation in GitHub Actions, a plain line elsewhere.</summary>
    public void WriteError(string message, string? file = null, int line = 0, int column = 0)
    {
        if (!InGitHubActions)
        {
            Error.WriteLine(file is null ? $"error: {message}" : $"{file}({line},{column}): error: {message}");
        }
        else if (file is null)
        {
            Error.WriteLine($"::error::{Escape(message)}");
        }
        else
        {
            Error.WriteLine($"::error file={file},line={line},col={column}::{Escape(message)}");
        }
    }

    /// <summary>Writes data for programs: indented JSON, one document per command.</summary>
    public void WriteJson(JsonNode node) => Out.WriteLine(node.ToJsonString(Indented));

    /// <summary>
    /// Writes rows: a drawn table on a terminal; elsewhere a header line and one line per row, columns
    /// padded to their widest cell so that the lines read as a table and split on runs of spaces.
    /// </summary>
    public void WriteTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn(Markup.Escape(header)));
            }

            foreach (var row in rows)
            {
                table.AddRow([.. row.Select(cell => new Text(cell))]);
            }

            Terminal(Out).Write(table);
            return;
        }

        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        foreach (var line in rows.Prepend(headers))
        {
            Out.WriteLine(string.Join("  ", line.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }
    }

    /// <summary>
    /// Runs work that reports progress: on a terminal the last step shows on a live status line; elsewhere each
    /// step is a line on standard error, indented, as <c>apply</c> prints its steps.
    /// </summary>
    public async Task WithProgressAsync(string start, Func<Action<string>, Task> work)
    {
        if (!Interactive)
        {
            await work(step => Error.WriteLine($"  {step}"));
            return;
        }

        await Terminal(Error).Status().StartAsync(Markup.Escape(start), context => work(step => context.Status(Markup.Escape(step))));
    }

    private static IAnsiConsole Terminal(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.Yes });

    // A workflow command ends at the line's end: newlines and % must be encoded.
    private static string Escape(string message) => message.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
}
