using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.CodeFixes;

/// <summary>DSS1002: saves the settings right after their last unsaved modification.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSaveCodeFix)), Shared]
public sealed class AddSaveCodeFix : DssCodeFix
{
    public AddSaveCodeFix()
        : base(AnalyzerDescriptors.UnsavedChangesId, "Save the settings")
    {
    }

    private protected override string Title(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(AnalyzerDescriptors.LocalProperty, out var local) ? $"Save '{local}'" : base.Title(diagnostic);

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode modification, Diagnostic diagnostic, SemanticModel model)
    {
        if (!diagnostic.Properties.TryGetValue(AnalyzerDescriptors.LocalProperty, out var local) || local is null
            || !diagnostic.Properties.TryGetValue(AnalyzerDescriptors.MethodProperty, out var save) || save is null
            || SyntaxEdits.StatementInBlock(modification) is not { } statement
            || !SyntaxEdits.IsInAsyncFunction(statement))
        {
            return null;
        }

        return SyntaxEdits.InsertAwaitAfter(root, statement, SyntaxEdits.CallWithToken(SyntaxFactory.IdentifierName(local), save, model, statement));
    }
}
