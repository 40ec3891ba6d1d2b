namespace DssApi.Package.Tests;

/// <summary>The package in .NET Framework and netstandard2.0 projects. Those need runtimes this
/// machine may lack (.NET Framework or Mono, .NET 8): every consumer is built, and run only where
/// its runtime exists; the test output says which was done.</summary>
[Collection(nameof(PackedPackage))]
public class FrameworkConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    private const string UsesGeneratedTypes = """
        using DssApi;

        using var client = new DssClient("http://127.0.0.1:1", Environment.GetEnvironmentVariable("DSS_API_KEY")!);
        DssApiDeployer deployer = client.GetApiDeployer();
        Console.WriteLine($"typed {deployer.GetType().Name} on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        """;

    [Fact]
    public void A_net48_console_consumer_builds_from_the_package_and_runs_where_a_runtime_exists()
    {
        var consumer = new Consumer(package, output, "net48");
        consumer.AddProject("App", "<LangVersion>10.0</LangVersion>", targetFramework: "net48");
        consumer.AddPackage("App");
        consumer.Write("App/Program.cs", UsesGeneratedTypes);

        consumer.Succeed("build --no-incremental", "App");

        var exe = Path.Combine(consumer.Root, "App", "bin", "Debug", "net48", "App.exe");
        Assert.True(File.Exists(exe), exe + " was not built");
        var runner = OperatingSystem.IsWindows() ? exe : FindOnPath("mono");
        if (runner is null)
        {
            output.WriteLine("net48 consumer: built, not run (no .NET Framework or Mono runtime on this machine)");
            return;
        }

        var run = Execute(runner, OperatingSystem.IsWindows() ? "" : $"\"{exe}\"");
        output.WriteLine($"net48 consumer: built and run with {runner}");
        Assert.Contains("typed DssApiDeployer on .NET Framework", run);
    }

    [Fact]
    public void A_net48_consumer_at_its_default_CSharp_version_gets_one_error_naming_the_LangVersion_to_set()
    {
        var consumer = new Consumer(package, output, "net48-csharp73");
        // As a new .NET Framework project is: no LangVersion, and no C# 8+ settings.
        consumer.AddProject("App", "<Nullable>disable</Nullable><ImplicitUsings>disable</ImplicitUsings>", targetFramework: "net48");
        consumer.AddPackage("App");
        consumer.Write("App/Program.cs", """
            namespace App
            {
                internal static class Program
                {
                    private static void Main() => System.Console.WriteLine(typeof(DssApi.DssClient).Name);
                }
            }
            """);

        var build = consumer.Run("build --no-incremental", "App");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error DSSG100", build.Output);
        Assert.Contains("<LangVersion>10.0</LangVersion>", build.Output);
        Assert.DoesNotContain("error CS", build.Output);
    }

    [Fact]
    public void A_netstandard20_library_is_consumed_by_a_net8_app()
    {
        var consumer = new Consumer(package, output, "netstandard");
        consumer.AddProject("Lib", "<LangVersion>10.0</LangVersion><DssApiNamespace>Lib.Dss</DssApiNamespace><DssApiAccessibility>public</DssApiAccessibility>",
            outputType: "Library", targetFramework: "netstandard2.0");
        consumer.AddPackage("Lib");
        consumer.Write("Lib/Deployments.cs", """
            using Lib.Dss;

            namespace Lib
            {
                public static class Deployments
                {
                    public static Lib.Dss.DssApiDeployer Open(DssApi.DssClient client) => client.GetApiDeployer();
                }
            }
            """);
        consumer.AddProject("App", "<DssApiGenerate>false</DssApiGenerate>", """<ProjectReference Include="../Lib/Lib.csproj" />""",
            targetFramework: "net8.0");
        consumer.Write("App/Program.cs", """
            using var client = new DssApi.DssClient("http://127.0.0.1:1", Environment.GetEnvironmentVariable("DSS_API_KEY")!);
            Console.WriteLine($"typed {Lib.Deployments.Open(client).GetType().Name} on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            """);

        consumer.Succeed("build --no-incremental", "App");

        var app = Path.Combine(consumer.Root, "App", "bin", "Debug", "net8.0", "App.dll");
        Assert.True(File.Exists(app), app + " was not built");
        if (!Dotnet.Run(consumer.Root, "--list-runtimes").Output.Contains("Microsoft.NETCore.App 8.", StringComparison.Ordinal))
        {
            output.WriteLine("netstandard2.0 library in a net8.0 app: built, not run (no .NET 8 runtime on this machine)");
            return;
        }

        output.WriteLine("netstandard2.0 library in a net8.0 app: built and run");
        Assert.Contains("typed DssApiDeployer on .NET 8", consumer.Succeed("run --no-build", "App", ConsumerKey).Output);
    }

    private static readonly Dictionary<string, string> ConsumerKey = new() { ["DSS_API_KEY"] = "consumer-key" };

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string Execute(string program, string arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DSS_API_KEY"] = ConsumerKey["DSS_API_KEY"];
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{program} {arguments} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} {arguments} failed:\n{text}");
        return text;
    }
}
