using DssApi.Generator;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DssApi.Analyzers.Tests.Support;

/// <summary>Runs an analyzer and its fix over members written in <see cref="TestSetup.Code"/>, one fix at a time and all at once.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string members, string fixedMembers)
    {
        var test = new Test
        {
            TestCode = TestSetup.Code(members),
            FixedCode = TestSetup.Code(fixedMembers),
        };
        TestSetup.Configure(test.TestState, targetVersion: null);
        TestSetup.Configure(test.FixedState, targetVersion: null);
        return test.RunAsync();
    }

    private sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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
