using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using DssApi.Analyzers.Tests.Support;
using DssApi.Emulator;
using DssApi.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DssApi.TestSupport;

namespace DssApi.Analyzers.Tests;

/// <summary>The samples are correct code: every DssApi analyzer runs over them and reports nothing.</summary>
public partial class SampleTests
{
    [Fact]
    public async Task Every_analyzer_is_silent_on_the_samples()
    {
        var samplesFolder = Path.Combine(TestRepository.Root, "samples");
        var samples = Directory.GetFiles(samplesFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToArray();
        Assert.NotEmpty(samples);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        // The implicit usings of an SDK console project.
        var implicitUsings = CSharpSyntaxTree.ParseText(string.Concat(
            new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
                .Select(name => $"global using global::{name};\n")), parse, "ImplicitUsings.cs");
        var compilation = CSharpCompilation.Create("Samples",
            samples.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path)).Append(implicitUsings),
            [
                .. TestSetup.References,
                MetadataReference.CreateFromFile(typeof(DssEmulator).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.LogLevel).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        compilation = compilation.AddSyntaxTrees(TestSetup.Generate(compilation, ServiceDocuments(samplesFolder)).GeneratedTrees);
        var analyzers = typeof(DssApiGenerator).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();

        Assert.True(analyzers.Length >= 11, $"only {analyzers.Length} analyzers found");
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("DSS") || d.Id == "AD0001"));
    }

    /// <summary>The OpenAPI documents the sample projects turn into typed clients, with the client names their project files give.</summary>
    private static List<(string Path, string Text, string ClientName)> ServiceDocuments(string samplesFolder) =>
        Directory.GetFiles(samplesFolder, "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => ServiceClientItem().Matches(File.ReadAllText(project)).Select(item =>
            {
                var path = Path.Combine(Path.GetDirectoryName(project)!, item.Groups["include"].Value);
                return (path, File.ReadAllText(path), item.Groups["client"].Value);
            }))
            .ToList();

    [GeneratedRegex("""<AdditionalFiles\s+Include="(?<include>[^"]+)"\s+DssApiServiceClient="(?<client>[^"]+)""")]
    private static partial Regex ServiceClientItem();
}
