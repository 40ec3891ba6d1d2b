using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.CodeFixes;

/// <summary>DSS1002: saves the settings right after their last unsaved modification.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSaveCodeFix)), Shared]
public sealed class AddSaveCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(AnalyzerDescriptors.UnsavedChangesId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } modification
            || !diagnostic.Properties.TryGetValue(AnalyzerDescriptors.LocalProperty, out var local) || local is null
            || !diagnostic.Properties.TryGetValue(AnalyzerDescriptors.MethodProperty, out var save) || save is null
            || SyntaxEdits.StatementInBlock(modification) is not { } statement
            || !SyntaxEdits.IsInAsyncFunction(statement))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Save '{local}'",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(SyntaxEdits.InsertAwaitAfter(root, statement, SyntaxEdits.Call(SyntaxFactory.IdentifierName(local), save)))),
                equivalenceKey: nameof(AddSaveCodeFix)),
            diagnostic);
    }
}
