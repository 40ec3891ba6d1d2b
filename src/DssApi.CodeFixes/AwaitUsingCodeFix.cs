using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1004: declares the stream's local with <c>await using</c>, so it is disposed at the end of its scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitUsingCodeFix)), Shared]
public sealed class AwaitUsingCodeFix : DssCodeFix
{
    public AwaitUsingCodeFix()
        : base(AnalyzerDescriptors.UndisposedStreamId, "Dispose with 'await using'")
    {
    }

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode stream, Diagnostic diagnostic, SemanticModel model)
    {
        if (stream.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { UsingKeyword.RawKind: 0, Declaration.Variables.Count: 1 } declaration
            || declaration.Parent is not BlockSyntax
            || !SyntaxEdits.IsInAsyncFunction(declaration))
        {
            return null;
        }

        var disposed = declaration.WithoutLeadingTrivia()
            .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(declaration.GetLeadingTrivia());
        return root.ReplaceNode(declaration, disposed);
    }
}
