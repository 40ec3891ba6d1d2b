using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1008: a constant string used as an API key: turned into a <c>DssSecret</c> (the type
/// secrets travel as), or passed to a parameter named <c>apiKey</c>. Keys in code end up in
/// source control and in every build output.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiKeyLiteralAnalyzer : DssAnalyzer
{
    private const string ApiKeyParameter = "apiKey";

    public ApiKeyLiteralAnalyzer()
        : base(AnalyzerDescriptors.ApiKeyLiteral)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.Secret is not { } secret)
        {
            return;
        }

        context.RegisterOperationAction(
            operation =>
            {
                var conversion = (IConversionOperation)operation.Operation;
                if (SymbolEqualityComparer.Default.Equals(conversion.Type, secret))
                {
                    ReportIfConstant(operation, conversion.Operand);
                }
            },
            OperationKind.Conversion);
        context.RegisterOperationAction(
            operation =>
            {
                var argument = (IArgumentOperation)operation.Operation;
                var isSecret = argument.Parent is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, secret);
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                    && (isSecret || string.Equals(parameter.Name, ApiKeyParameter, StringComparison.OrdinalIgnoreCase)))
                {
                    ReportIfConstant(operation, argument.Value);
                }
            },
            OperationKind.Argument);
    }

    private static void ReportIfConstant(OperationAnalysisContext context, IOperation value)
    {
        if (WrittenKey(value) is { } key)
        {
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.ApiKeyLiteral, key.Syntax.GetLocation()));
        }
    }

    /// <summary>
    /// The part of the value that is a key written in code: a non-empty constant, one of the
    /// values a <c>?:</c> or the fallback of a <c>??</c> may give, a local given a literal and
    /// never written again, or a <c>static readonly</c> field initialized with a literal (as good
    /// as a constant, and as visible in source control).
    /// </summary>
    private static IOperation? WrittenKey(IOperation value)
    {
        if (OperationFacts.ConstantText(value) is { Length: > 0 })
        {
            return value;
        }

        return value switch
        {
            IConversionOperation conversion => WrittenKey(conversion.Operand),
            ICoalesceOperation coalesce => WrittenKey(coalesce.WhenNull),
            IConditionalOperation conditional => WrittenKey(conditional.WhenTrue) ?? (conditional.WhenFalse is { } whenFalse ? WrittenKey(whenFalse) : null),
            IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } when IsInitializedWithLiteral(field) => value,
            _ => null,
        };
    }

    private static bool IsInitializedWithLiteral(IFieldSymbol field)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
