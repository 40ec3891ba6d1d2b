using System;
using Microsoft.CodeAnalysis;
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
        if (value.ConstantValue is { HasValue: true, Value: string { Length: > 0 } })
        {
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.ApiKeyLiteral, value.Syntax.GetLocation()));
        }
    }
}
