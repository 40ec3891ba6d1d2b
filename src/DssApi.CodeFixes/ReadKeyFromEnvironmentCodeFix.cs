using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1008: reads the key from the environment variable <c>DSS_API_KEY</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadKeyFromEnvironmentCodeFix)), Shared]
public sealed class ReadKeyFromEnvironmentCodeFix : ReadKeyCodeFix
{
    internal const string Variable = "DSS_API_KEY";

    public ReadKeyFromEnvironmentCodeFix()
        : base($"Read the key from the environment variable {Variable}")
    {
    }

    private protected override (ExpressionSyntax Expression, string WhereToPutIt)? Read(SemanticModel model, ExpressionSyntax key) =>
        (SyntaxFactory.ParseExpression($"Environment.GetEnvironmentVariable(\"{Variable}\")"), $"Set the environment variable {Variable} to the API key.");
}
