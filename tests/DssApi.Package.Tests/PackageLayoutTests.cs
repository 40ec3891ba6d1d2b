using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace DssApi.Package.Tests;

[Collection(nameof(PackedPackage))]
public class PackageLayoutTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public void The_package_holds_the_runtime_the_analyzers_the_build_files_and_the_schema_and_nothing_else()
    {
        output.WriteLine($"dotnet pack: {package.PackTime.TotalSeconds:0.0} s");
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var files = zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/") && !name.StartsWith("package/") && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
        [
            "DssApi.nuspec",
            "README.md",
            "analyzers/dotnet/cs/DssApi.CodeFixes.dll",
            "analyzers/dotnet/cs/DssApi.Generator.dll",
            "buildTransitive/DssApi.props",
            "buildTransitive/DssApi.targets",
            "icon.png",
            "lib/net10.0/DssApi.dll",
            "lib/net10.0/DssApi.xml",
            "lib/net8.0/DssApi.dll",
            "lib/net8.0/DssApi.xml",
            "lib/netstandard2.0/DssApi.dll",
            "lib/netstandard2.0/DssApi.xml",
            "schemas/dss-api.json",
        ], files);
        Assert.Single(files.Where(f => f.StartsWith("analyzers/")).Select(f => Path.GetDirectoryName(f)).Distinct());
    }

    [Fact]
    public void The_analyzer_assemblies_reference_only_what_a_compiler_host_loads()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var analyzerEntries = zip.Entries.Where(e => e.FullName.StartsWith("analyzers/") && e.FullName.EndsWith(".dll")).ToArray();
        // The compiler host resolves an analyzer's reference to another analyzer assembly of the same folder.
        var shippedBeside = analyzerEntries.Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToHashSet();
        foreach (var entry in analyzerEntries)
        {
            using var buffer = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            using var pe = new PEReader(buffer);
            var metadata = pe.GetMetadataReader();
            var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
            output.WriteLine($"{entry.FullName}: {string.Join(", ", references)}");

            Assert.All(references, name => Assert.True(
                name is "netstandard" or "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp"
                    || (name == "Microsoft.CodeAnalysis.Workspaces" || name == "Microsoft.CodeAnalysis.CSharp.Workspaces") && entry.FullName.Contains("CodeFixes")
                    || name is "System.Collections.Immutable" or "System.Memory" or "System.Runtime.CompilerServices.Unsafe" or "System.Composition.AttributedModel"
                    || shippedBeside.Contains(name),
                $"{entry.FullName} references {name}, which a compiler host may not load"));
            Assert.DoesNotContain("System.Text.Json", references);
        }
    }

    [Fact]
    public void The_nuspec_carries_the_metadata_and_the_runtime_dependencies()
    {
        var nuspec = package.ReadNuspec("DssApi");
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("DssApi", metadata.Element(ns + "id")!.Value);
        Assert.Equal(package.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.Contains("dataiku", metadata.Element(ns + "tags")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToArray();
        Assert.Equal([".NETStandard2.0", "net10.0", "net8.0"], groups.Select(g => (string)g.Attribute("targetFramework")!).Order(StringComparer.Ordinal));
        // What net8.0 and later have in the framework, netstandard2.0 takes from packages.
        var netstandard = groups.Single(g => (string)g.Attribute("targetFramework")! == ".NETStandard2.0");
        Assert.Contains(netstandard.Elements(ns + "dependency"), d => (string?)d.Attribute("id") == "System.Text.Json");
        Assert.All(groups, group => Assert.Contains(group.Elements(ns + "dependency"), d => (string?)d.Attribute("id") == "Polly.Core"));
        Assert.True(File.Exists(package.SymbolsPackagePath), "the symbols package is missing");
    }

    [Theory]
    [InlineData("DssApi")]
    [InlineData("DssApi.Testing")]
    [InlineData("DssApi.Emulator")]
    [InlineData("DssApi.Emulator.Tool")]
    [InlineData("DssApi.Cli")]
    public void Every_package_names_its_repository_and_carries_an_icon_and_a_readme_whose_links_lead_into_the_repository(string packageId)
    {
        var nuspec = package.ReadNuspec(packageId);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        var repositoryUrl = (string)metadata.Element(ns + "repository")!.Attribute("url")!;
        using var zip = ZipFile.OpenRead(Path.Combine(package.Feed, $"{packageId}.{package.Version}.nupkg"));
        using var reader = new StreamReader(zip.GetEntry("README.md")!.Open());
        var readme = reader.ReadToEnd();

        Assert.StartsWith("https://", repositoryUrl);
        Assert.Equal(repositoryUrl, metadata.Element(ns + "projectUrl")!.Value);
        Assert.Equal("icon.png", metadata.Element(ns + "icon")!.Value);
        Assert.NotNull(zip.GetEntry("icon.png"));
        var links = Regex.Matches(readme, @"\]\(([^)\s]+)\)").Select(link => link.Groups[1].Value).ToArray();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(link.StartsWith(repositoryUrl + "/blob/main/") || link.StartsWith('#'),
            $"the README of {packageId} links to {link}, which a package gallery cannot follow"));
    }
}
