using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>What is known of an infrastructure's type: one of some types, or none of some types (wire values such as <c>STATIC</c>).</summary>
internal readonly struct InfraTypeFact : IEquatable<InfraTypeFact>
{
    public static readonly InfraTypeFact Unknown = new(false, ImmutableSortedSet<string>.Empty);

    private InfraTypeFact(bool isOneOf, ImmutableSortedSet<string> types)
    {
        IsOneOf = isOneOf && types.Count > 0;
        Types = types;
    }

    public bool IsOneOf { get; }

    public ImmutableSortedSet<string> Types { get; }

    public static InfraTypeFact OneOf(IEnumerable<string> types) => new(true, ImmutableSortedSet.CreateRange(StringComparer.Ordinal, types));

    /// <summary>
    /// What a test that the type is one of <paramref name="types"/> leaves known when it holds.
    /// A test that contradicts what is known changes nothing: the known type is where the value came from.
    /// </summary>
    public InfraTypeFact Matching(IReadOnlyCollection<string> types)
    {
        if (!IsOneOf)
        {
            var remaining = types.Except(Types).ToList();
            return remaining.Count > 0 ? OneOf(remaining) : this;
        }

        var both = Types.Intersect(types);
        return both.Count > 0 ? new(true, both) : this;
    }

    /// <summary>What a test that the type is none of <paramref name="types"/> leaves known when it holds; as for <see cref="Matching"/>, a contradiction changes nothing.</summary>
    public InfraTypeFact Without(IEnumerable<string> types)
    {
        if (!IsOneOf)
        {
            return new(false, Types.Union(types));
        }

        var remaining = Types.Except(types);
        return remaining.Count > 0 ? new(true, remaining) : this;
    }

    public InfraTypeFact Join(InfraTypeFact other) => (IsOneOf, other.IsOneOf) switch
    {
        (true, true) => new(true, Types.Union(other.Types)),
        (false, false) => new(false, Types.Intersect(other.Types)),
        (true, false) => new(false, other.Types.Except(Types)),
        _ => new(false, Types.Except(other.Types)),
    };

    /// <summary>True when the infrastructure is certainly none of <paramref name="types"/>.</summary>
    public bool Excludes(IReadOnlyCollection<string> types) => types.Count > 0 && (IsOneOf ? !Types.Overlaps(types) : Types.IsSupersetOf(types));

    /// <summary>True when the infrastructure is certainly one of <paramref name="types"/>.</summary>
    public bool IsWithin(IReadOnlyCollection<string> types) => IsOneOf && Types.IsSubsetOf(types);

    public override string ToString() => (IsOneOf ? string.Empty : "not ") + string.Join(IsOneOf ? " or " : " nor ", Types);

    public bool Equals(InfraTypeFact other) => IsOneOf == other.IsOneOf && Types.SetEquals(other.Types);

    public override bool Equals(object? obj) => obj is InfraTypeFact other && Equals(other);

    public override int GetHashCode() => Types.Count;
}

/// <summary>
/// Follows the infrastructure type of locals through a graph: an infrastructure created with a
/// constant type, the settings loaded from it, and what branches on the settings' type
/// (<c>settings.Type == InfraType.Kubernetes</c>, <c>settings is KubernetesInfraSettings</c>) prove.
/// </summary>
internal sealed class InfraTypeFlow
{
    private readonly DssSymbols _symbols;

    public InfraTypeFlow(DssSymbols symbols) => _symbols = symbols;

    /// <summary>
    /// Calls <paramref name="visit"/> with each operation of each graph and what is known just
    /// before it. A lambda starts with what was known where it was written of the locals that
    /// keep their value (assigned once, or declared by a pattern): those it captures are the same
    /// whenever it runs.
    /// </summary>
    public void Run(IReadOnlyList<FlowGraph> graphs, Action<FlowGraph, IOperation, ImmutableDictionary<object, InfraTypeFact>> visit)
    {
        var assignments = new Dictionary<ILocalSymbol, int>(SymbolEqualityComparer.Default);
        foreach (var operation in graphs.SelectMany(g => g.Operations))
        {
            if (OperationFacts.IsAssignmentToLocal(operation.Operation, out var local, out _))
            {
                assignments[local] = assignments.TryGetValue(local, out var count) ? count + 1 : 1;
            }
        }

        var atLambda = new Dictionary<IMethodSymbol, ImmutableDictionary<object, InfraTypeFact>>(SymbolEqualityComparer.Default);
        foreach (var graph in graphs)
        {
            var start = graph.Lambda is { } lambda && atLambda.TryGetValue(lambda, out var outer) ? outer : null;
            Run(graph, start, (operation, state) =>
            {
                foreach (var written in operation.DescendantsAndSelf().OfType<IFlowAnonymousFunctionOperation>())
                {
                    atLambda[written.Symbol] = state.RemoveRange(state.Keys.Where(key => key is not ILocalSymbol local || assignments.TryGetValue(local, out var count) && count > 1));
                }

                visit(graph, operation, state);
            });
        }
    }

    private void Run(FlowGraph graph, ImmutableDictionary<object, InfraTypeFact>? start, Action<IOperation, ImmutableDictionary<object, InfraTypeFact>> visit)
    {
        var states = graph.Forward(
            start ?? ImmutableDictionary.Create<object, InfraTypeFact>(ValueKeyComparer.Instance),
            Join,
            (state, operation) => Step(state, operation.Operation),
            (state, block, holds) => Refine(graph, state, block, holds),
            new StateComparer());
        foreach (var entry in states)
        {
            var state = entry.Value;
            foreach (var operation in graph.OperationsOf(entry.Key))
            {
                visit(operation.Operation, state);
                state = Step(state, operation.Operation);
            }
        }
    }

    /// <summary>
    /// The infrastructures created with a constant id and type anywhere in the graphs, by
    /// <see cref="IdKey"/> of the id parameter's name and the id.
    /// </summary>
    public Dictionary<string, InfraTypeFact> CreatedIds(IEnumerable<FlowGraph> graphs)
    {
        var ids = new Dictionary<string, InfraTypeFact>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (invocation, model) in graphs.SelectMany(g => g.Operations.SelectMany(o => o.Operation.DescendantsAndSelf()).OfType<IInvocationOperation>().Select(i => (i, g.Model))))
        {
            if (CreatedType(invocation, ImmutableDictionary<object, InfraTypeFact>.Empty) is not { } type || !(Awaited(invocation.Type) is INamedTypeSymbol handle))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (OperationFacts.ConstantText(argument.Value, model) is { } id && IsIdentityOf(handle, argument.Parameter))
                {
                    var key = IdKey(argument.Parameter!.Name, id);
                    if (ids.TryGetValue(key, out var known) && !known.Equals(type))
                    {
                        conflicting.Add(key);
                    }

                    ids[key] = type;
                }
            }
        }

        foreach (var id in conflicting)
        {
            ids.Remove(id);
        }

        return ids;
    }

    /// <summary>The type of the infrastructure a value stands for, when the value is a local or a flow capture of known type.</summary>
    public static InfraTypeFact FactOf(ImmutableDictionary<object, InfraTypeFact> state, IOperation? value) =>
        value is not null && KeyOf(OperationFacts.Unwrap(value)) is { } key && state.TryGetValue(key, out var fact) ? fact : InfraTypeFact.Unknown;

    /// <summary>What holds a value the flow follows: a local, or a flow capture (the graph's temporary for <c>a ? b : c</c> and the like).</summary>
    private static object? KeyOf(IOperation value) => value switch
    {
        ILocalReferenceOperation local => local.Local,
        IFlowCaptureReferenceOperation capture => capture.Id,
        _ => null,
    };

    /// <summary>An id given for a parameter: ids of different things may be equal, so the parameter's name (<c>infraId</c>) is part of the key.</summary>
    public static string IdKey(string parameter, string id) => parameter.ToUpperInvariant() + "\n" + id;

    /// <summary>True when the parameter names a string identity property of the handle (<c>infraId</c> for <c>InfraId</c>).</summary>
    private static bool IsIdentityOf(ITypeSymbol handle, IParameterSymbol? parameter) =>
        parameter is not null && handle.GetMembers().OfType<IPropertySymbol>()
            .Any(p => p.Type.SpecialType == SpecialType.System_String && string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));

    private static ImmutableDictionary<object, InfraTypeFact> Join(ImmutableDictionary<object, InfraTypeFact> a, ImmutableDictionary<object, InfraTypeFact> b)
    {
        var joined = a.Clear().ToBuilder();
        foreach (var entry in a)
        {
            if (b.TryGetValue(entry.Key, out var other) && entry.Value.Join(other) is { } fact && !fact.Equals(InfraTypeFact.Unknown))
            {
                joined[entry.Key] = fact;
            }
        }

        return joined.ToImmutable();
    }

    private ImmutableDictionary<object, InfraTypeFact> Step(ImmutableDictionary<object, InfraTypeFact> state, IOperation operation)
    {
        object key;
        IOperation value;
        if (operation is IFlowCaptureOperation capture)
        {
            key = capture.Id;
            value = capture.Value;
        }
        else if (OperationFacts.IsAssignmentToLocal(operation, out var local, out var assigned))
        {
            key = local;
            value = assigned;
        }
        else
        {
            return state;
        }

        var fact = OperationFacts.Unwrap(value) switch
        {
            IInvocationOperation { Instance: { } handle } when _symbols.IsSettings(value.Type) => FactOf(state, handle),
            IInvocationOperation creation => CreatedType(creation, state) ?? InfraTypeFact.Unknown,
            var other => Wires(state, other) is { } wires ? InfraTypeFact.OneOf(wires) : InfraTypeFact.Unknown,
        };
        return fact.Equals(InfraTypeFact.Unknown) ? state.Remove(key) : state.SetItem(key, fact);
    }

    private ImmutableDictionary<object, InfraTypeFact> Refine(FlowGraph graph, ImmutableDictionary<object, InfraTypeFact> state, int block, bool holds) =>
        graph.BranchValue(block) is { } condition ? Refine(state, condition, holds) : state;

    private ImmutableDictionary<object, InfraTypeFact> Refine(ImmutableDictionary<object, InfraTypeFact> state, IOperation condition, bool holds)
    {
        object? tested = null;
        IEnumerable<string> types = [];
        var isMatch = holds;
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Refine(state, not.Operand, !holds);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var (local, wire) = DiscriminatorTest(comparison.LeftOperand, comparison.RightOperand) ?? DiscriminatorTest(comparison.RightOperand, comparison.LeftOperand) ?? default;
                tested = local;
                types = wire is null ? [] : [wire];
                isMatch = holds == (comparison.OperatorKind == BinaryOperatorKind.Equals);
                break;
            case IIsPatternOperation { Value: var value, Pattern: INegatedPatternOperation negated }:
                return Refine(state, value, negated.Pattern, !holds);
            case IIsPatternOperation { Value: var value, Pattern: var pattern }:
                return Refine(state, value, pattern, holds);
            case IIsTypeOperation { ValueOperand: var value, TypeOperand: var type }:
                tested = KeyOf(OperationFacts.Unwrap(value));
                types = TypesOf(type);
                break;
        }

        var list = types.ToList();
        return tested is null || list.Count == 0 ? state : Refine(state, tested, list, isMatch, declared: null);
    }

    /// <summary>
    /// What <c>value is pattern</c> having the value <paramref name="holds"/> proves: a type
    /// pattern, a declaration, or a recursive pattern (<c>is KubernetesInfraSettings { Namespace: not null } k8s</c>),
    /// whose failure proves nothing when it also tests members.
    /// </summary>
    private ImmutableDictionary<object, InfraTypeFact> Refine(ImmutableDictionary<object, InfraTypeFact> state, IOperation value, IPatternOperation pattern, bool holds)
    {
        var (type, declared, testsMembers) = pattern switch
        {
            ITypePatternOperation typePattern => (typePattern.MatchedType, null, false),
            IDeclarationPatternOperation declaration => (declaration.MatchedType, declaration.DeclaredSymbol as ILocalSymbol, false),
            IRecursivePatternOperation recursive => (recursive.MatchedType, recursive.DeclaredSymbol as ILocalSymbol, recursive.PropertySubpatterns.Length + recursive.DeconstructionSubpatterns.Length > 0),
            _ => (null, null, false),
        };
        var types = TypesOf(type).ToList();
        if (KeyOf(OperationFacts.Unwrap(value)) is not { } tested || types.Count == 0 || (testsMembers && !holds))
        {
            return state;
        }

        return Refine(state, tested, types, holds, declared);
    }

    private static ImmutableDictionary<object, InfraTypeFact> Refine(ImmutableDictionary<object, InfraTypeFact> state, object tested, IReadOnlyCollection<string> types, bool isMatch, ILocalSymbol? declared)
    {
        var known = state.TryGetValue(tested, out var fact) ? fact : InfraTypeFact.Unknown;
        var refined = isMatch ? known.Matching(types) : known.Without(types);
        state = refined.IsOneOf || refined.Types.Count > 0 ? state.SetItem(tested, refined) : state.Remove(tested);
        return declared is not null && isMatch && refined.IsOneOf ? state.SetItem(declared, refined) : state;
    }

    /// <summary>For <c>local.Discriminator == constant</c>: the local and the constant's wire value.</summary>
    private (ILocalSymbol Local, string Wire)? DiscriminatorTest(IOperation side, IOperation other) =>
        OperationFacts.Unwrap(side) is IPropertyReferenceOperation { Instance: { } instance } property
        && OperationFacts.Unwrap(instance) is ILocalReferenceOperation reference
        && _symbols.IsSettings(reference.Type)
        && SymbolEqualityComparer.Default.Equals(Underlying(property.Type), DiscriminatorType(property.Property.ContainingType))
        && Wire(other) is { } wire
            ? (reference.Local, wire)
            : null;

    /// <summary>The type of an infrastructure a call creates: the constant argument of the discriminator type of the settings the returned handle loads.</summary>
    private InfraTypeFact? CreatedType(IInvocationOperation invocation, ImmutableDictionary<object, InfraTypeFact> state)
    {
        if (Awaited(invocation.Type) is not INamedTypeSymbol handle || _symbols.IsSettings(handle))
        {
            return null;
        }

        var discriminators = handle.GetMembers().OfType<IMethodSymbol>()
            .Select(m => Awaited(m.ReturnType))
            .Where(_symbols.IsSettings)
            .Select(DiscriminatorType)
            .Where(t => t is not null)
            .ToList();
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter is { } p && discriminators.Contains(Underlying(p.Type), SymbolEqualityComparer.Default));
        return argument is not null && Wires(state, argument.Value) is { } wires ? InfraTypeFact.OneOf(wires) : null;
    }

    /// <summary>
    /// The wire values a value may have: a constant, either branch of a <c>?:</c> of constants,
    /// or a local or flow capture (the graph's temporary for a <c>?:</c>) known to hold some.
    /// </summary>
    private IReadOnlyCollection<string>? Wires(ImmutableDictionary<object, InfraTypeFact> state, IOperation operation)
    {
        var value = OperationFacts.Unwrap(operation);
        if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
        {
            return Wires(state, conditional.WhenTrue) is { } whenTrueWires && Wires(state, whenFalse) is { } whenFalseWires
                ? whenTrueWires.Union(whenFalseWires).ToList()
                : null;
        }

        if (FactOf(state, value) is { IsOneOf: true } known)
        {
            return known.Types;
        }

        return Wire(value) is { } wire ? [wire] : null;
    }

    /// <summary>The value type of the read-only property that tells the cases of settings apart (their <c>Type</c>).</summary>
    private ITypeSymbol? DiscriminatorType(ITypeSymbol? settings)
    {
        for (var type = settings; type is not null && !SymbolEqualityComparer.Default.Equals(type, _symbols.Settings); type = type.BaseType)
        {
            if (type.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => p.IsReadOnly && !p.IsStatic && Underlying(p.Type) is { IsValueType: true, SpecialType: SpecialType.None }) is { } property)
            {
                return Underlying(property.Type);
            }
        }

        return null;
    }

    private IEnumerable<string> TypesOf(ITypeSymbol? type) =>
        type is null ? [] : DssSymbols.FindAll(type, _symbols.InfraTypes).SelectMany(DssSymbols.Strings);

    /// <summary>The wire value of a constant: a string, or a member of a generated open enum (its <c>[DssWire]</c>).</summary>
    private string? Wire(IOperation operation)
    {
        var value = OperationFacts.Unwrap(operation);
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return text;
        }

        if (value is IObjectCreationOperation { Arguments.Length: 1 } creation && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string created })
        {
            return created;
        }

        return value is IPropertyReferenceOperation { Property.IsStatic: true } member ? _symbols.WireName(member.Property) : null;
    }

    private static ITypeSymbol? Underlying(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>The result type of an awaitable <c>Task&lt;T&gt;</c>, or the type itself.</summary>
    private static ITypeSymbol? Awaited(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: nameof(System.Threading.Tasks.Task) or "ValueTask" } task ? task.TypeArguments[0] : type;

    /// <summary>Compares locals as symbols and flow captures by id.</summary>
    private sealed class ValueKeyComparer : IEqualityComparer<object>
    {
        public static readonly ValueKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => x is ISymbol symbol ? SymbolEqualityComparer.Default.Equals(symbol, y as ISymbol) : object.Equals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
    }

    private sealed class StateComparer : IEqualityComparer<ImmutableDictionary<object, InfraTypeFact>>
    {
        public bool Equals(ImmutableDictionary<object, InfraTypeFact>? x, ImmutableDictionary<object, InfraTypeFact>? y) =>
            x!.Count == y!.Count && x.All(e => y.TryGetValue(e.Key, out var other) && other.Equals(e.Value));

        public int GetHashCode(ImmutableDictionary<object, InfraTypeFact> obj) => obj.Count;
    }
}
