using System.Composition;
using System.Linq;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1007: removes the argument DSS ignores, when no positional argument follows it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentCodeFix)), Shared]
public sealed class RemoveArgumentCodeFix : DssCodeFix
{
    public RemoveArgumentCodeFix()
        : base(AnalyzerDescriptors.IgnoredArgumentId, "Remove the ignored argument")
    {
    }

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, SemanticModel model)
    {
        if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { Parent: ArgumentListSyntax list } argument
            || list.Arguments.SkipWhile(a => a != argument).Skip(1).Any(a => a.NameColon is null))
        {
            return null;
        }

        return root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument)));
    }
}
