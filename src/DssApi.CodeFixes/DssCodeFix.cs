using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DssApi.CodeFixes;

/// <summary>What every DssApi fix does: fix one diagnostic id, batch Fix All, and offer one action
/// when the node the diagnostic points at can be rewritten.</summary>
public abstract class DssCodeFix : CodeFixProvider
{
    private readonly string _title;

    private protected DssCodeFix(string diagnosticId, string title)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
            || model is null
            || Fix(root, node, diagnostic, model) is not { } fixedRoot)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title(diagnostic), _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)), equivalenceKey: GetType().Name),
            diagnostic);
    }

    /// <summary>The action's title; some fixes name what they act on.</summary>
    private protected virtual string Title(Diagnostic diagnostic) => _title;

    /// <summary>The document's root with the fix applied at <paramref name="node"/>, or null when the fix does not apply there; <paramref name="model"/> tells what is in scope.</summary>
    private protected abstract SyntaxNode? Fix(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, SemanticModel model);
}
