namespace DssApi.Cli.Tests;

/// <summary>The options of <c>dssapi rollout</c> that need no DSS to be checked.</summary>
public sealed class RolloutCommandTests
{
    [Theory]
    [InlineData("--compare-predictions", "churn", "Invalid --compare-predictions 'churn': give the API Designer service as PROJECT/SERVICE")]
    [InlineData("--compare-predictions", "PROJECT/", "Invalid --compare-predictions 'PROJECT/': give the API Designer service as PROJECT/SERVICE")]
    [InlineData("--tolerance", "-1", "Invalid --tolerance -1: give a number, 0 or more")]
    public async Task A_bad_prediction_comparison_is_a_usage_error_before_any_request(string option, string value, string expected)
    {
        string[] args = option == "--tolerance"
            ? ["rollout", "churn-dev", "--to", "v2", "--compare-predictions", "PROJECT/churn", "--tolerance", value]
            : ["rollout", "churn-dev", "--to", "v2", option, value];
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Nothing listens on port 9: a request would fail with a connection error, not this one.
        var exitCode = await DssCli.RunAsync(args, new CliConsole(output, error, name => name switch
        {
            "DSS_URL" => "http://127.0.0.1:9",
            "DSS_API_KEY" => "key",
            _ => null,
        }));

        Assert.Equal((DssCli.Failure, $"error: {expected}"), (exitCode, error.ToString().Trim()));
    }
}
