using System.Collections.Immutable;
using DssApi.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace DssApi.Analyzers.Tests.Support;

/// <summary>What every analyzer and code fix test compiles against: the real DSS schema run through the real generator, the runtime, and offline reference assemblies.</summary>
internal static class TestSetup
{
    private static readonly Lazy<string> Schema = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "dss-api.json")));

    private static readonly Lazy<(string, SourceText)[]> Generated = new(() =>
        Generate(CSharpCompilation.Create("Generated", [], References)).GeneratedTrees
            .Select(t => ("/0/Generated/" + Path.GetFileName(t.FilePath), t.GetText())).ToArray());

    private static readonly Lazy<SyntaxTree[]> GeneratedSyntax = new(() =>
        Generated.Value.Select(file => CSharpSyntaxTree.ParseText(file.Item2, path: file.Item1)).ToArray());

    /// <summary>The generator's output for the default options, parsed: for tests that compile without the test framework.</summary>
    public static IReadOnlyList<SyntaxTree> GeneratedTrees => GeneratedSyntax.Value;

    /// <summary>Runs the generator over the real DSS schema for <paramref name="compilation"/>, with the MSBuild properties given or none.</summary>
    public static GeneratorDriverRunResult Generate(Compilation compilation, AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create([new DssApiGenerator().AsSourceGenerator()], [new FileText("/0/dss-api.json", Schema.Value)], optionsProvider: options)
            .RunGenerators(compilation).GetRunResult();

    /// <summary>Runs the generator over the real DSS schema and OpenAPI documents of deployed services,
    /// each given with the client name its <c>DssApiServiceClient</c> metadata names.</summary>
    public static GeneratorDriverRunResult Generate(Compilation compilation, IReadOnlyList<(string Path, string Text, string ClientName)> serviceDocuments) =>
        CSharpGeneratorDriver.Create([new DssApiGenerator().AsSourceGenerator()],
                [new FileText("/0/dss-api.json", Schema.Value), .. serviceDocuments.Select(document => new FileText(document.Path, document.Text))],
                optionsProvider: new ServiceClientMetadata(serviceDocuments.ToDictionary(document => document.Path, document => document.ClientName)))
            .RunGenerators(compilation).GetRunResult();

    public static readonly ReferenceAssemblies NoDownload = new ReferenceAssemblies("net10.0").AddAssemblies(ImmutableArray<string>.Empty);

    public static readonly MetadataReference[] References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(DssClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly.Location),
    ];

    public static void Configure(SolutionState state, string? targetVersion)
    {
        state.AdditionalFiles.Add(("/0/dss-api.json", Schema.Value));
        state.AdditionalReferences.AddRange(References);
        if (targetVersion is null)
        {
            // The generator's output for the default options, computed once: only the target version changes it.
            state.Sources.AddRange(Generated.Value);
        }

        if (targetVersion is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.DssApiTargetVersion = {targetVersion}\n"));
        }
    }

    /// <summary>Members of a class (indented here, as code fixes format their output) inside a file with the usings samples need.</summary>
    public static string Code(string members) => $$"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using DssApi;

        internal sealed class Sample
        {
        {{string.Join("\n", members.Split('\n').Select(line => line.Length == 0 ? line : "    " + line))}}
        }
        """;

    private sealed class FileText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>The <c>DssApiServiceClient</c> metadata of additional files, as MSBuild hands it to the generator.</summary>
    private sealed class ServiceClientMetadata(Dictionary<string, string> clientNameByPath) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => Metadata.None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Metadata.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            clientNameByPath.TryGetValue(textFile.Path, out var clientName) ? new Metadata(clientName) : Metadata.None;

        private sealed class Metadata(string? clientName) : AnalyzerConfigOptions
        {
            public static readonly Metadata None = new(null);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key == "build_metadata.AdditionalFiles.DssApiServiceClient" ? clientName : null;
                return value is not null;
            }
        }
    }
}
