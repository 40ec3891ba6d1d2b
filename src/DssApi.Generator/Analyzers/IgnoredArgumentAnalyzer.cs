using System.Linq;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1007: an argument DSS ignores for some infrastructure types
/// (<c>[DssIgnoredForInfraTypes]</c>, such as the endpoint id of a deployment on a static or
/// Kubernetes infrastructure), given for an infrastructure known to be of one of them: created in
/// the same member with that type, and named by its handle's id or by the same constant id (a
/// constant, or a local given a literal and never written again).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IgnoredArgumentAnalyzer : DssAnalyzer
{
    public IgnoredArgumentAnalyzer()
        : base(AnalyzerDescriptors.IgnoredArgument)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.IgnoredForInfraTypes is null)
        {
            return;
        }

        var flow = new InfraTypeFlow(symbols);
        RegisterBodyAction(
            context,
            operation => DssSymbols.IsCallTo(operation, symbols.IgnoredForInfraTypes),
            block =>
            {
                var graphs = BodyGraphs.Of(block).Graphs;
                var createdIds = flow.CreatedIds(graphs);
                flow.Run(graphs, (graph, operation, state) =>
                {
                    foreach (var invocation in operation.DescendantsAndSelf().OfType<IInvocationOperation>())
                    {
                        foreach (var attribute in DssSymbols.FindAll(invocation.TargetMethod, symbols.IgnoredForInfraTypes))
                        {
                            var names = DssSymbols.Strings(attribute).ToList();
                            var ignored = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == names.FirstOrDefault());
                            if (ignored is not { ArgumentKind: ArgumentKind.Explicit } || ignored.Value.ConstantValue is { HasValue: true, Value: null })
                            {
                                continue;
                            }

                            var types = names.Skip(1).ToList();
                            var infra = invocation.Arguments.Select(a => InfraOf(a, state, createdIds, graph.Model)).FirstOrDefault(f => f.IsOneOf);
                            if (infra.IsWithin(types))
                            {
                                block.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.IgnoredArgument, ignored.Syntax.GetLocation(), ignored.Parameter!.Name, infra));
                            }
                        }
                    }
                });
            });
    }

    /// <summary>The infrastructure an argument names: the id of a handle of known type, or an id created with a known type.</summary>
    private static InfraTypeFact InfraOf(IArgumentOperation argument, System.Collections.Immutable.ImmutableDictionary<object, InfraTypeFact> state, System.Collections.Generic.Dictionary<string, InfraTypeFact> createdIds, SemanticModel? model)
    {
        if (OperationFacts.ConstantText(argument.Value, model) is { } id)
        {
            return argument.Parameter is { } parameter && createdIds.TryGetValue(InfraTypeFlow.IdKey(parameter.Name, id), out var created) ? created : InfraTypeFact.Unknown;
        }

        return OperationFacts.Unwrap(argument.Value) is IPropertyReferenceOperation { Instance: { } handle } property
            && string.Equals(property.Property.Name, argument.Parameter?.Name, System.StringComparison.OrdinalIgnoreCase)
                ? InfraTypeFlow.FactOf(state, handle)
                : InfraTypeFact.Unknown;
    }
}
