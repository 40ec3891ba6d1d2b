using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1004: declares the stream's local with <c>await using</c>, so it is disposed at the end of its scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitUsingCodeFix)), Shared]
public sealed class AwaitUsingCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(AnalyzerDescriptors.UndisposedStreamId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } stream
            || stream.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { UsingKeyword.RawKind: 0, Declaration.Variables.Count: 1 } declaration
            || declaration.Parent is not BlockSyntax
            || !SyntaxEdits.IsInAsyncFunction(declaration))
        {
            return;
        }

        var disposed = declaration.WithoutLeadingTrivia()
            .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(declaration.GetLeadingTrivia());
        context.RegisterCodeFix(
            CodeAction.Create(
                "Dispose with 'await using'",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, disposed))),
                equivalenceKey: nameof(AwaitUsingCodeFix)),
            diagnostic);
    }
}
