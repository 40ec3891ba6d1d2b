using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1010: a list of shares (a parameter marked <c>[DssSumsToOne]</c>, such as the versions of a
/// traffic split) written out in code with constant shares that are negative, do not add up to 1,
/// or name the same version twice. The version names may be variables; lists built at run time
/// are left to the run-time check.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrafficSplitAnalyzer : DssAnalyzer
{
    /// <summary>The run-time check's tolerance.</summary>
    private const double Tolerance = 1e-9;

    public TrafficSplitAnalyzer()
        : base(AnalyzerDescriptors.InvalidTrafficSplit)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.SumsToOne is null)
        {
            return;
        }

        context.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                foreach (var attribute in DssSymbols.FindAll(invocation.TargetMethod, symbols.SumsToOne))
                {
                    var names = DssSymbols.Strings(attribute).ToList();
                    if (names.Count == 2
                        && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == names[0]) is { ArgumentKind: ArgumentKind.Explicit } argument
                        && Problem(argument.Value, names[1], symbols) is { } problem)
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.InvalidTrafficSplit, argument.Syntax.GetLocation(), problem));
                    }
                }
            },
            OperationKind.Invocation);
    }

    /// <summary>
    /// What is wrong with the shares, or null when they are fine or not all constant. The other
    /// members (the version names) need not be constants: the shares are checked whatever the
    /// names, and two entries are compared only when all their members are constants.
    /// </summary>
    private static string? Problem(IOperation list, string shareField, DssSymbols symbols)
    {
        var items = Items(OperationFacts.Unwrap(list));
        if (items is null || items.Count == 0)
        {
            return null;
        }

        var sum = 0.0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (OperationFacts.Unwrap(item) is not IObjectCreationOperation { Initializer: { } initializer }
                || Members(initializer) is not { } members
                || members.FirstOrDefault(m => symbols.WireName(m.Property) == shareField) is not { Property: not null } share
                || !share.Value.HasValue
                || share.Value.Value is not IConvertible convertible)
            {
                return null;
            }

            var value = convertible.ToDouble(CultureInfo.InvariantCulture);
            if (value < 0)
            {
                return $"the share {value.ToString(CultureInfo.InvariantCulture)} is negative";
            }

            sum += value;
            var others = members.Where(m => !SymbolEqualityComparer.Default.Equals(m.Property, share.Property)).ToList();
            var key = string.Join("|", others.Select(m => $"{m.Property.Name}={m.Value.Value}"));
            if (others.Count > 0 && others.All(m => m.Value.HasValue) && !seen.Add(key))
            {
                return $"two entries are the same apart from their share ({key.Replace("|", ", ")})";
            }
        }

        return Math.Abs(sum - 1.0) > Tolerance ? $"the shares add up to {sum.ToString(CultureInfo.InvariantCulture)}, not 1" : null;
    }

    /// <summary>The items of a list written in place: a collection expression, an array, or a collection initializer.</summary>
    private static IReadOnlyList<IOperation>? Items(IOperation list) => list switch
    {
        { Syntax: CollectionExpressionSyntax } collection => collection.ChildOperations.ToList(),
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
        IObjectCreationOperation { Initializer: { } initializer } when initializer.Initializers.All(i => i is IInvocationOperation { Arguments.Length: 1 }) =>
            initializer.Initializers.Select(i => ((IInvocationOperation)i).Arguments[0].Value).ToList(),
        _ => null,
    };

    /// <summary>The properties an object initializer sets, each with its value when that is a constant; null when it does more than set properties.</summary>
    private static List<(IPropertySymbol Property, Optional<object?> Value)>? Members(IObjectOrCollectionInitializerOperation initializer)
    {
        var members = new List<(IPropertySymbol, Optional<object?>)>();
        foreach (var member in initializer.Initializers)
        {
            if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                return null;
            }

            members.Add((target.Property, OperationFacts.Unwrap(assignment.Value).ConstantValue));
        }

        return members;
    }
}
