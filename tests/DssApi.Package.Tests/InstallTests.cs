using DssApi.Emulator;

namespace DssApi.Package.Tests;

/// <summary>The README's install story, from the packed packages: the pack command (run by
/// <see cref="PackedPackage"/>), adding the package, and the first-call program.</summary>
[Collection(nameof(PackedPackage))]
public class InstallTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public async Task The_readme_first_call_runs_as_written_against_the_emulator_and_says_what_is_missing_without_a_key()
    {
        var program = Assert.Single(Readme.CodeBlocks(Path.Combine(package.RepositoryRoot, "README.md"), "### Install and first call", "csharp"));
        var consumer = new Consumer(package, output, "first-call");
        var project = consumer.AddProject("App");

        // The README's line; the consumer's nuget.config already names the packed feed as a source.
        consumer.Succeed("add package DssApi --prerelease", "App");
        consumer.Write("App/Program.cs", program);
        var build = consumer.Succeed("build", "App");

        Assert.Contains($"Include=\"DssApi\" Version=\"{package.Version}\"", File.ReadAllText(Path.Combine(project, "App.csproj")));
        Assert.DoesNotContain("warning", build.Output);

        var withoutKey = consumer.Run("run --no-build", "App", new Dictionary<string, string> { ["DSS_API_KEY"] = "" });
        Assert.NotEqual(0, withoutKey.ExitCode);
        Assert.Contains("An API key is required (DssClientOptions.ApiKey", withoutKey.Output);
        Assert.Contains("DSS_API_KEY environment variable", withoutKey.Output);

        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { AdminApiKey = "local-key" });
        var run = consumer.Succeed("run --no-build", "App", new Dictionary<string, string>
        {
            ["DSS_URL"] = dss.Url,
            ["DSS_API_KEY"] = "local-key",
            ["DSS_PROJECT"] = "",
            ["DSS_SAVED_MODEL"] = "",
            ["DSS_API_NODE_URL"] = "",
        });

        Assert.Equal("DKU_EMULATOR_DEMO", dss.DemoProjectKey);
        Assert.Contains($"churn-scoring v1 is deployed: HEALTHY, at {dss.Url}/public/api/v1/churn-scoring", run.Output);
    }

    [Fact]
    public async Task The_quickstart_against_a_real_dss_names_the_variables_it_still_needs()
    {
        await using var dss = await DssEmulator.StartAsync();
        var quickstart = Dotnet.Run(AppContext.BaseDirectory, "Quickstart.dll", new Dictionary<string, string>
        {
            ["DSS_URL"] = dss.Url,
            ["DSS_API_KEY"] = dss.AdminApiKey,
            ["DSS_PROJECT"] = "",
            ["DSS_SAVED_MODEL"] = "churn_classifier",
            ["DSS_API_NODE_URL"] = dss.Url,
        });

        Assert.Equal(2, quickstart.ExitCode);
        Assert.Contains("DSS_URL is set, so the quickstart runs against that DSS and also needs:", quickstart.Output);
        Assert.Contains("  DSS_PROJECT: the key of the project to create the API service in", quickstart.Output);
        Assert.DoesNotContain("DSS_SAVED_MODEL", quickstart.Output);
        Assert.DoesNotContain(dss.AdminApiKey, quickstart.Output);
    }
}
