using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace DssApi.Analyzers.Tests.Support;

/// <summary>How a test holds the OpenAPI document of the service "churn-scoring" (the emulator's description, the generator tests' fixture).</summary>
internal enum DocumentInProject
{
    /// <summary>Not at all.</summary>
    None,

    /// <summary>As <c>churn-scoring.openapi.json</c> with <c>DssApiServiceClient="ChurnScoring"</c>: the project has <c>ChurnScoringClient</c>.</summary>
    WithClient,

    /// <summary>As <c>churn-scoring.openapi.json</c> without metadata: no typed client.</summary>
    WithoutClient,
}

/// <summary>Runs DSS1012 and its fixes over members written in <see cref="Code"/>, in a project that holds the service's OpenAPI document.</summary>
internal static class ServiceDocumentVerifier
{
    public const string DocumentPath = "/0/churn-scoring.openapi.json";
    private const string ClientName = "ChurnScoring";

    private static readonly Lazy<string> Document = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "churn-scoring.openapi.json")));

    /// <summary>The generator's ChurnScoringClient, computed once.</summary>
    private static readonly Lazy<(string, SourceText)[]> TypedClient = new(() =>
        TestSetup.Generate(CSharpCompilation.Create("Generated", [], TestSetup.References), [(DocumentPath, Document.Value, ClientName)]).GeneratedTrees
            .Where(tree => tree.FilePath.EndsWith(ClientName + "Client.OpenApi.g.cs", StringComparison.Ordinal))
            .Select(tree => ("/0/Generated/" + Path.GetFileName(tree.FilePath), tree.GetText()))
            .ToArray());

    /// <summary><see cref="TestSetup.Code"/> with the JSON nodes' namespace too.</summary>
    public static string Code(string members) => "using System.Text.Json.Nodes;\n" + TestSetup.Code(members);

    public static Task VerifyAsync(string members, DocumentInProject document = DocumentInProject.WithClient, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = Code(members) };
        Configure(test.TestState, document);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyFixAsync<TCodeFix>(string members, string fixedMembers, DocumentInProject document = DocumentInProject.WithClient)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new FixTest<TCodeFix> { TestCode = Code(members), FixedCode = Code(fixedMembers) };
        Configure(test.TestState, document);
        Configure(test.FixedState, document);
        return test.RunAsync();
    }

    private static void Configure(SolutionState state, DocumentInProject document)
    {
        TestSetup.Configure(state, targetVersion: null);
        if (document == DocumentInProject.None)
        {
            return;
        }

        state.AdditionalFiles.Add((DocumentPath, Document.Value));
        if (document == DocumentInProject.WithClient)
        {
            // How MSBuild hands item metadata to analyzers: a global configuration with a section per file.
            state.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\n\n[{DocumentPath}]\nbuild_metadata.AdditionalFiles.DssApiServiceClient = {ClientName}\n"));
            state.Sources.AddRange(TypedClient.Value);
        }
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<UnlistedFeatureAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = TestSetup.NoDownload;
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck | TestBehaviors.SkipGeneratedCodeCheck;
            // DSS1012 has two messages: [|…|] and {|DSS1012:…|} mean the feature name's.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }
    }

    private sealed class FixTest<TCodeFix> : CSharpCodeFixTest<UnlistedFeatureAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public FixTest()
        {
            ReferenceAssemblies = TestSetup.NoDownload;
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck | TestBehaviors.SkipGeneratedCodeCheck;
            // DSS1012 has two messages: [|…|] and {|DSS1012:…|} mean the feature name's.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }
    }
}
