using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace DssApi.Package.Tests;

/// <summary>Every package of the repository (DssApi, DssApi.Testing, DssApi.Emulator and the
/// emulator tool), packed once per test run with a unique version into a folder outside the repository.</summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        WorkFolder = Directory.CreateTempSubdirectory("dssapi-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(WorkFolder, "feed")).FullName;
        var started = Stopwatch.StartNew();
        var pack = Dotnet.Run(RepositoryRoot,
            $"pack Generator.sln -c Release -o \"{Feed}\" -p:Version={Version} -p:ContinuousIntegrationBuild=true");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed:\n{pack.Output}");
        }

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

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Generator.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(nameof(PackedPackage))]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>;
