using DssApi.Generator;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DssApi.Analyzers.Tests.Support;

/// <summary>Runs one analyzer over members written in <see cref="TestSetup.Code"/>; <c>[|…|]</c> marks where it must report.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Checks that the analyzer reports exactly at the marked spans (none marked: it stays silent).</summary>
    public static Task VerifyAsync(string members, string? targetVersion = null, bool compiles = true, string? editorConfig = null)
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

        return test.RunAsync();
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
