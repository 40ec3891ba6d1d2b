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

    /// <summary>Inserts <c>await <paramref name="awaited"/>;</c> after <paramref name="anchor"/> (a statement of a block); the formatter lays it out.</summary>
    public static SyntaxNode InsertAwaitAfter(SyntaxNode root, StatementSyntax anchor, ExpressionSyntax awaited) =>
        root.InsertNodesAfter(anchor, new[] { SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(awaited)) });

    /// <summary><c>target.method()</c>.</summary>
    private static InvocationExpressionSyntax Call(ExpressionSyntax target, string method) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName(method)));

    /// <summary>
    /// <c>target.method(token)</c> with the cancellation token in scope at <paramref name="at"/>,
    /// or <c>target.method()</c> when there is none: a call that drops the token in scope raises CA2016.
    /// </summary>
    public static InvocationExpressionSyntax CallWithToken(ExpressionSyntax target, string method, SemanticModel model, SyntaxNode at)
    {
        var call = Call(target, method);
        return TokenInScope(model, at.SpanStart) is { } token
            ? call.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)))
            : call;
    }

    /// <summary>The name of the <c>CancellationToken</c> parameter or local visible at <paramref name="position"/>, the one declared last when there are several.</summary>
    public static string? TokenInScope(SemanticModel model, int position)
    {
        var tokenType = model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        ISymbol? nearest = null;
        var nearestStart = -1;
        foreach (var symbol in model.LookupSymbols(position))
        {
            var type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };
            var start = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.Span.Start ?? -1;
            if (SymbolEqualityComparer.Default.Equals(type, tokenType) && start < position && start > nearestStart)
            {
                nearest = symbol;
                nearestStart = start;
            }
        }

        return nearest?.Name;
    }
}
