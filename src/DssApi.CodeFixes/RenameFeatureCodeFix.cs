using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1012: renames a feature the service's OpenAPI document does not list to the listed name closest to it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameFeatureCodeFix)), Shared]
public sealed class RenameFeatureCodeFix : DssCodeFix
{
    public RenameFeatureCodeFix()
        : base(AnalyzerDescriptors.UnlistedFeatureId, "Rename the feature")
    {
    }

    private protected override string Title(Diagnostic diagnostic) => $"Rename the feature to '{diagnostic.Properties[AnalyzerDescriptors.ClosestProperty]}'";

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, SemanticModel model) =>
        node is ExpressionSyntax key && diagnostic.Properties.TryGetValue(AnalyzerDescriptors.ClosestProperty, out var closest) && closest is not null
            ? root.ReplaceNode(key, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(closest)).WithTriviaFrom(key))
            : null;
}
