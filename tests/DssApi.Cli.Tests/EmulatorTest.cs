using System.Diagnostics;
using DssApi.Emulator;

namespace DssApi.Cli.Tests;

/// <summary>A fresh emulator and folder per test, and the tool run in-process or as a process against it.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected DssEmulator Dss { get; private set; } = null!;
    protected string Folder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(5) });
        Folder = Directory.CreateTempSubdirectory("dssapi-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        await Dss.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    protected string WriteFile(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    protected string DesiredFile(string modelRef = "churn_classifier", string package = "v1", string extraEndpoint = "", string nodeKey = "${NODE_KEY}") => WriteFile("dss.yaml", $$"""
        apiServices:
          - project: {{Dss.DemoProjectKey}}
            id: churn
            endpoints:
              - { id: churn, type: STD_PREDICTION, modelRef: {{modelRef}} }
              {{extraEndpoint}}
            package: {{package}}
        infrastructures:
          - id: dev
            stage: Development
            type: STATIC
            settings:
              apiNodes:
                - { url: "{{Dss.Url}}", adminAPIKey: "{{nodeKey}}" }
        deployments:
          - { id: churn-dev, service: churn, infra: dev, version: v1 }
        """);

    protected string? Environment(string name) => name switch
    {
        "DSS_URL" => Dss.Url,
        "DSS_API_KEY" => Dss.AdminApiKey,
        "NODE_KEY" => "node-key-value",
        _ => null,
    };

    protected async Task<(int ExitCode, string Out, string Error)> RunAsync(Func<string, string?> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DssCli.RunAsync(args, new CliConsole(output, error, environment, WorkingDirectory: Folder));
        return (exitCode, output.ToString(), error.ToString());
    }

    protected Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunAsync(Environment, args);

    // The tool's own build output (same configuration as the tests), where its dependencies are, as installed.
    private static string ToolPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "src", "DssApi.Cli", "bin", configuration, framework, "DssApi.Cli.dll");
    }

    protected Task<(int ExitCode, string Out, string Error)> RunProcessAsync(params string[] args) =>
        RunProcessAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs the tool as a process in the test's folder; <paramref name="environment"/> adds variables, or removes those whose value is null.</summary>
    protected async Task<(int ExitCode, string Out, string Error)> RunProcessAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(ToolPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DSS_URL"] = Dss.Url;
        start.Environment["DSS_API_KEY"] = Dss.AdminApiKey;
        start.Environment["NODE_KEY"] = "node-key-value";
        start.Environment.Remove("GITHUB_ACTIONS");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
