using System.Diagnostics;
using DssApi.Emulator;

namespace DssApi.Package.Tests;

/// <summary>The dssapi tool as a pipeline gets it: installed from the packed DssApi.Cli package into a tool path, then run.</summary>
[Collection(nameof(PackedPackage))]
public class CliToolTests(PackedPackage package)
{
    [Fact]
    public async Task The_installed_tool_plans_the_sample_desired_state_against_the_emulator()
    {
        var toolPath = Path.Combine(package.WorkFolder, "tools");
        var install = Dotnet.Run(package.WorkFolder, $"tool install DssApi.Cli --tool-path \"{toolPath}\" --add-source \"{package.Feed}\" --version {package.Version}");
        Assert.True(install.ExitCode == 0, install.Output);
        await using var dss = await DssEmulator.StartAsync();

        var plan = await RunAsync(Path.Combine(toolPath, "dssapi"), new Dictionary<string, string>
        {
            ["DSS_URL"] = dss.Url,
            ["DSS_API_KEY"] = dss.AdminApiKey,
            ["DSS_API_NODE_URL"] = dss.Url,
            ["DSS_API_NODE_KEY"] = "node-key",
        }, "plan", Path.Combine(package.RepositoryRoot, "samples", "Deploy", "dss.yaml"));

        Assert.True(plan.ExitCode == 2, plan.Output);
        Assert.Contains("+ create deployment churn-scoring-dev", plan.Output);
        Assert.Contains("Plan: 4 to create, 1 to publish, 1 to deploy.", plan.Output);
        Assert.DoesNotContain(dss.AdminApiKey, plan.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // The tool's launcher finds the runtime through DOTNET_ROOT: the one running these tests.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        start.Environment.Remove("GITHUB_ACTIONS");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
