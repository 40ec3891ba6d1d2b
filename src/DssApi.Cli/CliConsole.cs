namespace DssApi.Cli;

/// <summary>Where the tool writes and reads its environment, so tests can run it in-process.</summary>
/// <param name="Out">Standard output: plans and results.</param>
/// <param name="Error">Standard error: errors and progress.</param>
/// <param name="Environment">The environment variables (<c>DSS_URL</c>, <c>DSS_API_KEY</c>, <c>GITHUB_ACTIONS</c>, and the file's <c>${NAME}</c> references).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    /// <summary>Whether the tool runs as a step of a GitHub Actions workflow, which turns <c>::error::</c> lines into annotations.</summary>
    public bool InGitHubActions => Environment("GITHUB_ACTIONS") == "true";

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

    // A workflow command ends at the line's end: newlines and % must be encoded.
    private static string Escape(string message) => message.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
}
