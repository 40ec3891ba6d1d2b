using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1005: starts the created deployment right after its creation, and waits for the update.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StartDeploymentCodeFix)), Shared]
public sealed class StartDeploymentCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(AnalyzerDescriptors.UnstartedDeploymentId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics.First();
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } creation
            || !diagnostic.Properties.TryGetValue(AnalyzerDescriptors.MethodProperty, out var start) || start is null
            || SyntaxEdits.StatementInBlock(creation) is not LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
            || !SyntaxEdits.IsInAsyncFunction(declaration))
        {
            return;
        }

        var deployment = SyntaxFactory.IdentifierName(declaration.Declaration.Variables[0].Identifier.ValueText);
        var awaited = SyntaxEdits.Call(deployment, start);
        if (diagnostic.Properties.ContainsKey(AnalyzerDescriptors.WaitProperty))
        {
            awaited = SyntaxEdits.Call(SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(awaited)), WaitForFutureCodeFix.WaitMethod);
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Start the deployment and wait for it",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(SyntaxEdits.InsertAwaitAfter(root, declaration, awaited))),
                equivalenceKey: nameof(StartDeploymentCodeFix)),
            diagnostic);
    }
}
