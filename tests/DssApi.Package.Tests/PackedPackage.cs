using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using DssApi.TestSupport;

namespace DssApi.Package.Tests;

/// <summary>Every package of the repository (DssApi, DssApi.Testing, DssApi.Emulator and the
/// emulator tool), packed once per test run with a unique version into a folder outside the repository.</summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepositoryRoot = TestRepository.Root;
        WorkFolder = Directory.CreateTempSubdirectory("dssapi-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(WorkFolder, "feed")).FullName;
        var started = Stopwatch.StartNew();
        // Every package, built in Release: on a busy machine this takes many minutes.
        var pack = Dotnet.Run(RepositoryRoot, ReadmePackCommand(out var version), timeout: TimeSpan.FromMinutes(30));
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed:\n{pack.Output}");
        }

        Version = version;
        PackTime = started.Elapsed;
    }

    public string RepositoryRoot { get; }

    public string Version { get; }

    public string WorkFolder { get; }

    public string Feed { get; }

    public TimeSpan PackTime { get; }

    /// <summary>The DssApi package.</summary>
    public string PackagePath => Path.Combine(Feed, $"DssApi.{Version}.nupkg");

    public string SymbolsPackagePath => Path.Combine(Feed, $"DssApi.{Version}.snupkg");

    /// <summary>The nuspec of one of the packed packages.</summary>
    public XDocument ReadNuspec(string packageId)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"{packageId}.{Version}.nupkg"));
        using var stream = zip.GetEntry($"{packageId}.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    public void Dispose() => Directory.Delete(WorkFolder, recursive: true);

    /// <summary>
    /// The README's pack command, as the shell would run it, with the feed for <c>artifacts</c>: the
    /// version it gives is the README's time stamp, so a stale package cache never serves an older build.
    /// </summary>
    private string ReadmePackCommand(out string version)
    {
        const string OutputFolder = " -o artifacts ";
        const string TimeStamp = "$(date -u +%Y%m%d%H%M%S)";
        var command = Readme.CodeBlocks(Path.Combine(RepositoryRoot, "README.md"), "### Install and first call", "bash")
            .SelectMany(block => block.Split('\n'))
            .Single(line => line.StartsWith("dotnet pack ", StringComparison.Ordinal));
        Assert.Contains(OutputFolder, command);
        Assert.EndsWith("-p:Version=0.1.0-local." + TimeStamp, command);
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        version = "0.1.0-local." + stamp;
        return command["dotnet ".Length..].Replace(OutputFolder, $" -o \"{Feed}\" ").Replace(TimeStamp, stamp);
    }

}

[CollectionDefinition(nameof(PackedPackage))]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>;
