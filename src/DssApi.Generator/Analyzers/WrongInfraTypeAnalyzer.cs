using System.Linq;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1006: a member that applies only to some infrastructure types (<c>[DssInfraTypes]</c> on
/// it or on its type, such as <c>AddApiNode</c> of static infrastructures) used on settings whose
/// type is known to be another: created in the same member with another type, or inside a branch
/// that tested the type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WrongInfraTypeAnalyzer : DssAnalyzer
{
    public WrongInfraTypeAnalyzer()
        : base(AnalyzerDescriptors.WrongInfraType)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.InfraTypes is null)
        {
            return;
        }

        var flow = new InfraTypeFlow(symbols);
        RegisterBodyAction(
            context,
            operation => MemberUse(operation).Member is { } member && (DssSymbols.Has(member, symbols.InfraTypes) || DssSymbols.Has(member.ContainingType, symbols.InfraTypes)),
            block =>
            {
                flow.Run(BodyGraphs.Of(block).Graphs, (_, operation, state) =>
                {
                    foreach (var use in operation.DescendantsAndSelf())
                    {
                        var (member, instance) = MemberUse(use);
                        if (member is null || instance is null)
                        {
                            continue;
                        }

                        var required = new[] { member, member.ContainingType }
                            .SelectMany(s => DssSymbols.FindAll(s, symbols.InfraTypes)).SelectMany(DssSymbols.Strings).Distinct().ToList();
                        var known = InfraTypeFlow.FactOf(state, instance);
                        if (known.Excludes(required))
                        {
                            block.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.WrongInfraType, use.Syntax.GetLocation(), member.Name, string.Join(" or ", required), known));
                        }
                    }
                });
            });
    }

    /// <summary>The method called or the property used, and the instance it is used on.</summary>
    private static (ISymbol? Member, IOperation? Instance) MemberUse(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance),
        IPropertyReferenceOperation property => (property.Property, property.Instance),
        _ => (null, null),
    };
}
