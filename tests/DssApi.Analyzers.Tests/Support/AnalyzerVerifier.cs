using DssApi.Generator;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DssApi.Analyzers.Tests.Support;

/// <summary>Runs one analyzer over members written in <see cref="TestSetup.Code"/>; <c>[|…|]</c> marks where it must report.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>
    /// Checks that the analyzer reports exactly at the marked spans (none marked: it stays
    /// silent), then again with every body read through a control flow graph: bodies made of
    /// statements, <c>if</c>s and loops are read from their operation tree instead, and both ways must agree.
    /// </summary>
    public static async Task VerifyAsync(string members, string? targetVersion = null, bool compiles = true, string? editorConfig = null)
    {
        await CreateTest(members, targetVersion, compiles, editorConfig).RunAsync();
        BodyGraphs.ControlFlowGraphsOnly.Value = true;
        try
        {
            await CreateTest(members, targetVersion, compiles, editorConfig).RunAsync();
        }
        finally
        {
            BodyGraphs.ControlFlowGraphsOnly.Value = false;
        }
    }

    private static Test CreateTest(string members, string? targetVersion, bool compiles, string? editorConfig)
    {
        var test = new Test { TestCode = TestSetup.Code(members), RunGenerator = targetVersion is not null };
        TestSetup.Configure(test.TestState, targetVersion);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        }

        if (!compiles)
        {
            // Code being typed: only the analyzer's own diagnostics, and no crash, are checked.
            test.CompilerDiagnostics = CompilerDiagnostics.None;
        }

        return test;
    }

    private sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestSetup.NoDownload;
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck | TestBehaviors.SkipGeneratedCodeCheck;
        }

        /// <summary>The generator runs only when a target version changes its output; otherwise its output is shared.</summary>
        public bool RunGenerator { get; init; }

        protected override IEnumerable<Type> GetSourceGenerators() => RunGenerator ? [typeof(DssApiGenerator)] : [];
    }
}
