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

/// <summary>DSS1004: declares the stream's local with <c>await using</c> (<c>using</c> outside async code), so it is disposed at the end of its scope.</summary>
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
            || declaration.Parent is not BlockSyntax)
        {
            return;
        }

        var isAsync = SyntaxEdits.IsInAsyncFunction(declaration);
        var disposed = declaration.WithoutLeadingTrivia()
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        if (isAsync)
        {
            disposed = disposed.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                isAsync ? "Dispose with 'await using'" : "Dispose with 'using'",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, disposed.WithLeadingTrivia(declaration.GetLeadingTrivia())))),
                equivalenceKey: nameof(AwaitUsingCodeFix)),
            diagnostic);
    }
}
