using System.Xml.Linq;

namespace DssApi.Package.Tests;

/// <summary>
/// A throw-away project outside the repository (so it inherits none of the repository's build
/// files), with its own package cache, restoring DssApi from the packed feed plus the usual source.
/// </summary>
public sealed class Consumer
{
    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;

    public Consumer(PackedPackage package, ITestOutputHelper output, string name)
    {
        _package = package;
        _output = output;
        Root = Directory.CreateDirectory(Path.Combine(package.WorkFolder, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <configuration>
              <config><add key="globalPackagesFolder" value=".packages" /></config>
              <packageSources><add key="dssapi-feed" value="{package.Feed}" /></packageSources>
            </configuration>
            """);
    }

    public string Root { get; }

    /// <summary>Writes a console project; <paramref name="properties"/> go into its PropertyGroup.</summary>
    public string AddProject(string name, string properties = "", string items = "", string outputType = "Exe", string targetFramework = "net10.0")
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>{items}</ItemGroup>
            </Project>
            """);
        return folder;
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Runs <c>dotnet</c> in the consumer and prints how long it took.</summary>
    public Dotnet.Result Run(string arguments, string? project = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Dotnet.Run(project is null ? Root : Path.Combine(Root, project), arguments, environment);
        _output.WriteLine($"dotnet {arguments} ({project ?? "."}): {result.Elapsed.TotalSeconds:0.0} s, exit {result.ExitCode}");
        return result;
    }

    /// <summary>Runs a command that must succeed.</summary>
    public Dotnet.Result Succeed(string arguments, string? project = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Run(arguments, project, environment);
        Assert.True(result.ExitCode == 0, $"dotnet {arguments} failed:\n{result.Output}");
        return result;
    }

    /// <summary>Adds a package of the repository (DssApi by default) exactly as a user does.</summary>
    public void AddPackage(string project, string packageId = "DssApi") => Succeed($"add package {packageId} --version {_package.Version}", project);

    public static XDocument LoadProject(string folder) => XDocument.Load(Directory.GetFiles(folder, "*.csproj").Single());
}
