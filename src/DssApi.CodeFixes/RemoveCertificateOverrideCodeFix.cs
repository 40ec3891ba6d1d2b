using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1009: removes <c>DangerousAcceptAnyServerCertificate = true</c>, from an object initializer or as a statement, so the server's certificate is validated again.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCertificateOverrideCodeFix)), Shared]
public sealed class RemoveCertificateOverrideCodeFix : DssCodeFix
{
    public RemoveCertificateOverrideCodeFix()
        : base(AnalyzerDescriptors.CertificateValidationOffId, "Validate the server's certificate")
    {
    }

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, SemanticModel model) =>
        node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() switch
        {
            { Parent: InitializerExpressionSyntax } member => root.RemoveNode(member, SyntaxRemoveOptions.KeepTrailingTrivia),
            { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } => root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia),
            _ => null,
        };
}
