using System.Text.Json.Nodes;
using DssApi.TestSupport;

namespace DssApi.Emulator.Tests;

/// <summary>The emulator as the <c>dssapi-emulator</c> .NET tool: packed, installed and run the way its users do.</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task PackedToolInstallsStartsAndServesThePublicApi()
    {
        using var temporary = new TemporaryDirectory();
        var feed = temporary.Path;
        var version = $"0.1.0-test.{DateTime.UtcNow.Ticks}";
        var tools = Path.Combine(feed, "tools");
        await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet",
            ["pack", Path.Combine(TestRepository.Root, "src", "DssApi.Emulator.Tool"), "-c", "Release", "-o", feed, $"-p:Version={version}"]));
        var install = ChildProcess.StartInfo("dotnet",
            ["tool", "install", "DssApi.Emulator.Tool", "--tool-path", tools, "--add-source", feed, "--version", version]);

        // A throw-away package cache: test versions must not pile up in the machine's cache.
        install.Environment["NUGET_PACKAGES"] = Path.Combine(feed, "packages");
        await ChildProcess.RunAsync(install);

        await using var emulator = await EmulatorProcess.StartAsync(ChildProcess.StartInfo(Path.Combine(tools, "dssapi-emulator"),
            ["--urls", "http://127.0.0.1:0", "--api-key", "k"]));
        using var client = TestDss.NewClient(emulator.Url, "k");
        var stages = JsonNode.Parse(await client.GetStringAsync(TestDss.PublicApi + "api-deployer/stages"))!;

        Assert.Equal("Admin API key: k", emulator.Banner[1]);
        Assert.Equal(["Development", "Test", "Production"], stages.AsArray().Select(stage => stage!["id"]!.GetValue<string>()));
    }
}
