using System.Composition;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1005: starts the created deployment right after its creation, and waits for the update.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StartDeploymentCodeFix)), Shared]
public sealed class StartDeploymentCodeFix : DssCodeFix
{
    public StartDeploymentCodeFix()
        : base(AnalyzerDescriptors.UnstartedDeploymentId, "Start the deployment and wait for it")
    {
    }

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode creation, Diagnostic diagnostic, SemanticModel model)
    {
        if (!diagnostic.Properties.TryGetValue(AnalyzerDescriptors.MethodProperty, out var start) || start is null
            || SyntaxEdits.StatementInBlock(creation) is not LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
            || !SyntaxEdits.IsInAsyncFunction(declaration))
        {
            return null;
        }

        var deployment = SyntaxFactory.IdentifierName(declaration.Declaration.Variables[0].Identifier.ValueText);
        var awaited = SyntaxEdits.CallWithToken(deployment, start, model, declaration);
        if (diagnostic.Properties.ContainsKey(AnalyzerDescriptors.WaitProperty))
        {
            awaited = SyntaxEdits.CallWithToken(SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(awaited)), WaitForFutureCodeFix.WaitMethod, model, declaration);
        }

        return SyntaxEdits.InsertAwaitAfter(root, declaration, awaited);
    }
}
