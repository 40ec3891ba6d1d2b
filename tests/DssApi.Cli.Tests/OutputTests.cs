namespace DssApi.Cli.Tests;

/// <summary>Tables and progress for people on a terminal, plain lines for pipelines.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData(false, null, null, null, true)]
    [InlineData(true, null, null, null, false)]
    [InlineData(false, "dumb", null, null, false)]
    [InlineData(false, "xterm-256color", "true", null, false)]
    [InlineData(false, null, null, "true", false)]
    public void Drawing_is_for_a_terminal_that_can_draw_and_that_no_CI_runner_reads(bool redirected, string? term, string? ci, string? gitHubActions, bool interactive)
    {
        var variables = new Dictionary<string, string?> { ["TERM"] = term, ["CI"] = ci, ["GITHUB_ACTIONS"] = gitHubActions };

        Assert.Equal(interactive, CliConsole.IsInteractiveTerminal(redirected, name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public void A_table_is_plain_padded_lines_when_redirected_and_a_drawn_table_on_a_terminal()
    {
        string[] headers = ["DEPLOYMENT", "HEALTH"];
        IReadOnlyList<string>[] rows = [["churn-dev", "HEALTHY"], ["a", "WARNING"]];
        using var plain = new StringWriter();
        using var drawn = new StringWriter();

        new CliConsole(plain, TextWriter.Null, _ => null).WriteTable(headers, rows);
        new CliConsole(drawn, TextWriter.Null, _ => null, Interactive: true).WriteTable(headers, rows);

        Assert.Equal("DEPLOYMENT  HEALTH\nchurn-dev   HEALTHY\na           WARNING\n", plain.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("│ churn-dev  │ HEALTHY │", drawn.ToString());
    }

    [Fact]
    public async Task Progress_is_one_line_per_step_on_standard_error_when_redirected()
    {
        using var error = new StringWriter();

        await new CliConsole(TextWriter.Null, error, _ => null).WithProgressAsync("Waiting", report =>
        {
            report("job 1: Preparing");
            report("job 1: finished");
            return Task.CompletedTask;
        });

        Assert.Equal("  job 1: Preparing\n  job 1: finished\n", error.ToString().ReplaceLineEndings("\n"));
    }
}
