using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1003: waits for the job whose future a statement drops: <c>await (await x.StartUpdateAsync()).WaitForCompletionAsync();</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WaitForFutureCodeFix)), Shared]
public sealed class WaitForFutureCodeFix : DssCodeFix
{
    /// <summary>The runtime future's wait.</summary>
    internal const string WaitMethod = "WaitForCompletionAsync";

    public WaitForFutureCodeFix()
        : base(AnalyzerDescriptors.IgnoredFutureId, "Wait for the job")
    {
    }

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode start, Diagnostic diagnostic, SemanticModel model)
    {
        if (start.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement || !SyntaxEdits.IsInAsyncFunction(statement))
        {
            return null;
        }

        // The job's future: the awaited start when the statement awaits it, else the start's task, awaited here.
        var future = statement.Expression as AwaitExpressionSyntax ?? (statement.Expression == start ? SyntaxFactory.AwaitExpression(statement.Expression.WithoutTrivia()) : null);
        if (future is null)
        {
            return null;
        }

        var wait = SyntaxFactory.AwaitExpression(SyntaxEdits.CallWithToken(SyntaxFactory.ParenthesizedExpression(future.WithoutTrivia()), WaitMethod, model, statement));
        return root.ReplaceNode(statement.Expression, wait.WithTriviaFrom(statement.Expression));
    }
}
