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

/// <summary>DSS1003: waits for the job whose future a statement drops: <c>await (await x.StartUpdateAsync()).WaitForCompletionAsync();</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WaitForFutureCodeFix)), Shared]
public sealed class WaitForFutureCodeFix : CodeFixProvider
{
    /// <summary>The runtime future's wait.</summary>
    internal const string WaitMethod = "WaitForCompletionAsync";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(AnalyzerDescriptors.IgnoredFutureId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } start
            || start.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement
            || !SyntaxEdits.IsInAsyncFunction(statement))
        {
            return;
        }

        // The job's future: the awaited start when the statement awaits it, else the start's task, awaited here.
        var future = statement.Expression as AwaitExpressionSyntax ?? (statement.Expression == start ? SyntaxFactory.AwaitExpression(statement.Expression.WithoutTrivia()) : null);
        if (future is null)
        {
            return;
        }

        var wait = SyntaxFactory.AwaitExpression(SyntaxEdits.Call(SyntaxFactory.ParenthesizedExpression(future.WithoutTrivia()), WaitMethod));
        context.RegisterCodeFix(
            CodeAction.Create(
                "Wait for the job",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(statement.Expression, wait.WithTriviaFrom(statement.Expression)))),
                equivalenceKey: nameof(WaitForFutureCodeFix)),
            diagnostic);
    }
}
