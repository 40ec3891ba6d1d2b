using System.Collections.Immutable;
using DssApi.Analyzers.Tests.Support;
using DssApi.Generator.Analyzers;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DssApi.Analyzers.Tests;

/// <summary>
/// The generated client compiled into a library (<c>DssApiAccessibility=public</c>) and used from
/// another project: the rules find what they need in its metadata, as they do in source.
/// </summary>
public sealed class ReferencedClientTests
{
    private static readonly Lazy<MetadataReference> Library = new(() =>
    {
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.DssApiAccessibility"] = "public" });
        var library = CSharpCompilation.Create("DssApi.Client", [], TestSetup.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        library = library.AddSyntaxTrees(TestSetup.Generate(library, options).GeneratedTrees);
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    });

    [Fact]
    public async Task Infrastructure_type_given_as_an_open_enum_member_is_read_from_metadata()
    {
        var diagnostics = await AnalyzeAsync(new WrongInfraTypeAnalyzer(), """
            async Task Run(DssApiDeployer deployer)
            {
                var infra = await deployer.CreateInfraAsync("k8s-prod", "Production", InfraType.Kubernetes);
                var settings = await infra.GetSettingsAsync();
                ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
            }

            async Task RunStatic(DssApiDeployer deployer)
            {
                var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
                var settings = await infra.GetSettingsAsync();
                ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DSS1006", diagnostic.Id);
        Assert.Contains("K8S", diagnostic.GetMessage());
    }

    [Fact]
    public async Task Share_field_of_a_traffic_split_is_read_from_metadata()
    {
        var diagnostics = await AnalyzeAsync(new TrafficSplitAnalyzer(), """
            void Wrong(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
                [new GenerationEntry { Version = "v1", Probability = 0.5 }, new GenerationEntry { Version = "v2", Probability = 0.4 }]);

            void Right(DeploymentSettings settings) => settings.SetTrafficSplit(TrafficSplitStrategy.Random,
                [new GenerationEntry { Version = "v1", Probability = 0.6 }, new GenerationEntry { Version = "v2", Probability = 0.4 }]);
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DSS1010", diagnostic.Id);
        Assert.Contains("0.9", diagnostic.GetMessage());
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, string members)
    {
        var consumer = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(TestSetup.Code(members), new CSharpParseOptions(LanguageVersion.Latest))],
            [.. TestSetup.References, Library.Value],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(consumer.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await consumer.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
    }
}
