using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1001: removes the statement that saves unchanged settings.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSaveCodeFix)), Shared]
public sealed class RemoveSaveCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(AnalyzerDescriptors.SaveWithoutChangesId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } save
            || SyntaxEdits.StatementInBlock(save) is not ExpressionStatementSyntax statement
            || !IsWholeStatement(statement, save))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Remove the save",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)),
                equivalenceKey: nameof(RemoveSaveCodeFix)),
            diagnostic);
    }

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
