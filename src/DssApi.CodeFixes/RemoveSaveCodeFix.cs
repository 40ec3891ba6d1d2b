using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1001: removes the statement that saves unchanged settings.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSaveCodeFix)), Shared]
public sealed class RemoveSaveCodeFix : DssCodeFix
{
    public RemoveSaveCodeFix()
        : base(AnalyzerDescriptors.SaveWithoutChangesId, "Remove the save")
    {
    }

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode save, Diagnostic diagnostic, SemanticModel model) =>
        SyntaxEdits.StatementInBlock(save) is ExpressionStatementSyntax statement && IsWholeStatement(statement, save)
            ? root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)
            : null;

    /// <summary>True when the statement does nothing but the save (awaited or not): removing it removes nothing else.</summary>
    private static bool IsWholeStatement(ExpressionStatementSyntax statement, SyntaxNode save)
    {
        var expression = statement.Expression is AwaitExpressionSyntax awaited ? awaited.Expression : statement.Expression;
        if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } })
        {
            expression = inner;
        }

        return expression == save;
    }
}
