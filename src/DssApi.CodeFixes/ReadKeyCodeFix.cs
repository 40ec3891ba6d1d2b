using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>
/// DSS1008: replaces a key written in code with a read of it from elsewhere, failing with a
/// message that says where to put it when it is missing (an empty key would only fail at the
/// first request, with a 401). The names are written as a file with <c>using System;</c> (or the
/// SDK's implicit usings) reads them.
/// </summary>
public abstract class ReadKeyCodeFix : DssCodeFix
{
    private protected ReadKeyCodeFix(string title)
        : base(Generator.Analyzers.AnalyzerDescriptors.ApiKeyLiteralId, title)
    {
    }

    private protected sealed override SyntaxNode? Fix(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, SemanticModel model)
    {
        if (node is not ExpressionSyntax key || Read(model, key) is not { } read)
        {
            return null;
        }

        var missing = SyntaxFactory.ThrowExpression(SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName("InvalidOperationException"))
            .AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(read.WhereToPutIt)))));
        var replacement = SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, read.Expression, missing);
        return root.ReplaceNode(key, replacement.WithTriviaFrom(key));
    }

    /// <summary>The expression that reads the key, and the sentence that says where to put it; null when this source is not at hand.</summary>
    private protected abstract (ExpressionSyntax Expression, string WhereToPutIt)? Read(SemanticModel model, ExpressionSyntax key);
}
