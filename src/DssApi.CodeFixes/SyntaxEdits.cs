using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>Syntax edits the fixes share.</summary>
internal static class SyntaxEdits
{
    /// <summary>True when the node is inside an async method, local function or lambda, where a fix may write <c>await</c>.</summary>
    public static bool IsInAsyncFunction(SyntaxNode node)
    {
        var function = node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        return function switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            _ => false,
        };
    }

    /// <summary>The statement of a block that holds the node, or null when the node's statement is not directly in a block.</summary>
    public static StatementSyntax? StatementInBlock(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault() is { Parent: BlockSyntax } statement ? statement : null;

    /// <summary>Inserts a statement, written as text, after <paramref name="anchor"/> (a statement of a block), at the same indentation.</summary>
    public static SyntaxNode InsertAfter(SyntaxNode root, StatementSyntax anchor, string statementText)
    {
        var indentation = anchor.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var statement = SyntaxFactory.ParseStatement(statementText)
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(anchor.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
        return root.InsertNodesAfter(anchor, new[] { statement });
    }
}
