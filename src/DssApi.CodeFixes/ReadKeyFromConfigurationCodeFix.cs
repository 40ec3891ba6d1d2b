using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DssApi.CodeFixes;

/// <summary>DSS1008: reads the key from the configuration in scope (an <c>IConfiguration</c> parameter, local, field or property), under <c>Dss:ApiKey</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadKeyFromConfigurationCodeFix)), Shared]
public sealed class ReadKeyFromConfigurationCodeFix : ReadKeyCodeFix
{
    internal const string Key = "Dss:ApiKey";

    public ReadKeyFromConfigurationCodeFix()
        : base($"Read the key from the configuration ({Key})")
    {
    }

    private protected override (ExpressionSyntax Expression, string WhereToPutIt)? Read(SemanticModel model, ExpressionSyntax key)
    {
        if (model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration") is not { } configurationType)
        {
            return null;
        }

        var configuration = model.LookupSymbols(key.SpanStart).FirstOrDefault(symbol =>
            symbol switch
            {
                ILocalSymbol local => IsConfiguration(local.Type, configurationType) && local.DeclaringSyntaxReferences.All(r => r.Span.End < key.SpanStart),
                IParameterSymbol parameter => IsConfiguration(parameter.Type, configurationType),
                IFieldSymbol field => IsConfiguration(field.Type, configurationType),
                IPropertySymbol property => IsConfiguration(property.Type, configurationType),
                _ => false,
            });
        return configuration is null
            ? null
            : (SyntaxFactory.ElementAccessExpression(SyntaxFactory.IdentifierName(configuration.Name))
                .AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(Key)))),
               $"Set {Key} in the configuration to the API key.");
    }

    private static bool IsConfiguration(ITypeSymbol type, INamedTypeSymbol configuration) =>
        SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Contains(configuration, SymbolEqualityComparer.Default);
}
