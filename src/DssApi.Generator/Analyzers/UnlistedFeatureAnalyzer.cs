using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using DssApi.Generator.Analyzers.Flow;
using DssApi.Generator.OpenApi;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1012: an untyped prediction call of the API node client (predict, predict-many, and their
/// effect variants) whose service id and endpoint id are constants, for a service whose OpenAPI
/// document the project holds, sends a feature name the document does not list for that endpoint
/// (reported with the closest listed name), or a constant value of another JSON type than the
/// document gives the feature. Features are read from a <c>JsonObject</c> written in the call, or
/// from a local assigned once in the same member (its initializer, <c>Add</c> and index writes).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnlistedFeatureAnalyzer : DssAnalyzer
{
    /// <summary>The untyped calls that send features: the verb of the API node each one calls, and its parameter of features or of records.</summary>
    private static readonly Dictionary<string, (string Verb, string Parameter)> Calls = new(StringComparer.Ordinal)
    {
        ["PredictRecordAsync"] = ("predict", "features"),
        ["PredictRecordsAsync"] = ("predict-multi", "records"),
        ["PredictEffectAsync"] = ("predict-effect", "features"),
        ["PredictEffectsAsync"] = ("predict-effect-multi", "records"),
    };

    public UnlistedFeatureAnalyzer()
        : base(AnalyzerDescriptors.UnlistedFeature, AnalyzerDescriptors.FeatureOfWrongKind)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        var nodeClient = context.Compilation.GetTypeByMetadataName("DssApi.DssApiNodeClient");
        var nodeOptions = context.Compilation.GetTypeByMetadataName("DssApi.DssApiNodeClientOptions");
        var jsonObject = context.Compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        if (nodeClient is null || nodeOptions is null || jsonObject is null || ServiceDocuments.Find(context.Options) is not { } documents)
        {
            return;
        }

        var types = new Types(nodeClient, nodeOptions, jsonObject);

        // Per member, not per call: a feature may be reported in a local's initializer, outside the call.
        RegisterBodyAction(
            context,
            use => use is IInvocationOperation invocation && Calls.ContainsKey(invocation.TargetMethod.Name),
            block =>
            {
                foreach (var use in MemberBody.Of(block).Uses)
                {
                    if (use is IInvocationOperation invocation)
                    {
                        Analyze(invocation, documents, types, symbols, block.ReportDiagnostic);
                    }
                }
            });
    }

    private static void Analyze(IInvocationOperation invocation, ServiceDocuments documents, Types types, DssSymbols symbols, Action<Diagnostic> report)
    {
        if (Calls.TryGetValue(invocation.TargetMethod.Name, out var call)
            && IsUntypedCall(invocation.TargetMethod, types, symbols)
            && Argument(invocation, "endpointId")?.ConstantValue is { HasValue: true, Value: string endpointId }
            && Receiver(invocation) is { } receiver
            && ServiceId(receiver, types) is { } serviceId
            && documents.For(serviceId) is { } document
            && document.Model.Endpoints.FirstOrDefault(e => e.Id == endpointId) is { } endpoint
            && endpoint.Operations.FirstOrDefault(o => o.Verb == call.Verb) is { Input.Values.Count: > 0 } typed
            && Argument(invocation, call.Parameter) is { } features)
        {
            var checkedCall = new CheckedCall(invocation, serviceId, document, endpoint, typed);
            foreach (var record in Records(features, typed, types))
            {
                Check(checkedCall, record, report);
            }
        }
    }

    /// <summary>A generated extension method of <c>DssApiNodeClient</c> (the untyped calls are generated from the DSS schema).</summary>
    private static bool IsUntypedCall(IMethodSymbol method, Types types, DssSymbols symbols)
    {
        var definition = method.ReducedFrom ?? method;
        return definition.IsExtensionMethod
            && definition.Parameters.Length > 2
            && SymbolEqualityComparer.Default.Equals(definition.Parameters[0].Type, types.NodeClient)
            && symbols.IsDssApiMember(definition);
    }

    private static IOperation? Argument(IInvocationOperation invocation, string parameter) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value;

    /// <summary>The node client the call is made on, whether it is written as an extension call or a static one.</summary>
    private static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.TargetMethod.ReducedFrom is null ? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value : null);

    /// <summary>
    /// The service id of the node client, when it is a constant: a client created in place or in a
    /// local assigned once, from options created the same way with a constant <c>ServiceId</c>.
    /// </summary>
    private static string? ServiceId(IOperation receiver, Types types)
    {
        var client = SingleValue(OperationFacts.Unwrap(receiver), AnyUse);
        if (client is not IObjectCreationOperation { Arguments.Length: 1 } creation || !SymbolEqualityComparer.Default.Equals(creation.Type, types.NodeClient))
        {
            return null;
        }

        // The client reads the options when it is created: any use of them but another property's could change the ServiceId first.
        var options = SingleValue(OperationFacts.Unwrap(creation.Arguments[0].Value), reference =>
            reference.Parent == creation.Arguments[0]
            || (OperationFacts.ConsumerOf(reference, out _) is IPropertyReferenceOperation property && property.Property.Name != "ServiceId"));
        if (options is not IObjectCreationOperation { Initializer: { } initializer } || !SymbolEqualityComparer.Default.Equals(options.Type, types.NodeOptions))
        {
            return null;
        }

        string? serviceId = null;
        foreach (var member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ServiceId" } } assignment)
            {
                serviceId = assignment.Value.ConstantValue is { HasValue: true, Value: string id } ? id : null;
            }
        }

        return serviceId;
    }

    /// <summary>
    /// The value itself, or for a local the one value it is ever given: declared with it and never
    /// written again, and every other reference allowed by <paramref name="allowed"/>.
    /// </summary>
    private static IOperation? SingleValue(IOperation value, Func<ILocalReferenceOperation, bool> allowed)
    {
        if (value is not ILocalReferenceOperation { Local: var local } reference)
        {
            return value;
        }

        IOperation? single = null;
        foreach (var operation in Root(reference).DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                single = declarator.Initializer?.Value;
            }
            else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local)
                && (use.IsDeclaration || OperationFacts.WriterOf(use) is not null || use.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None } || !allowed(use)))
            {
                return null;
            }
        }

        return single is null ? null : OperationFacts.Unwrap(single);
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>The feature objects a call sends: its features argument, or for a call of several records the features of each record written in the call.</summary>
    private static IEnumerable<IReadOnlyList<Entry>> Records(IOperation argument, OperationModel typed, Types types)
    {
        if (typed.Shape != OperationShape.Many)
        {
            return Entries(argument, types) is { } entries ? [entries] : [];
        }

        var records = new List<IReadOnlyList<Entry>>();
        foreach (var item in Items(SingleValue(OperationFacts.Unwrap(argument), AnyUse)))
        {
            if (Entries(item, types)?.LastOrDefault(e => e.Name == typed.RecordKey) is { } features && Entries(features.Value, types) is { } entries)
            {
                records.Add(entries);
            }
        }

        return records;
    }

    /// <summary>The items of a list written in place: a collection expression, an array, or a collection initializer.</summary>
    private static IEnumerable<IOperation> Items(IOperation? list) => list switch
    {
        { Syntax: CollectionExpressionSyntax } collection => collection.ChildOperations,
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
        IObjectCreationOperation { Initializer: { } initializer } => initializer.Initializers.OfType<IInvocationOperation>().Where(add => add.Arguments.Length == 1).Select(add => add.Arguments[0].Value),
        _ => [],
    };

    /// <summary>
    /// The members of a <c>JsonObject</c> written in place, or held by a local assigned once: its
    /// initializer's entries (<c>{ "name", value }</c>, <c>["name"] = value</c>), then the
    /// <c>Add("name", value)</c> and <c>local["name"] = value</c> of the member. Null for anything else.
    /// </summary>
    private static IReadOnlyList<Entry>? Entries(IOperation value, Types types)
    {
        var unwrapped = OperationFacts.Unwrap(value);
        var creation = SingleValue(unwrapped, AnyUse);
        if (creation is not IObjectCreationOperation objectCreation || !SymbolEqualityComparer.Default.Equals(creation.Type, types.JsonObject))
        {
            return null;
        }

        var entries = new List<Entry>();
        foreach (var member in objectCreation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (EntryOf(member, receiver: null) is { } entry)
            {
                entries.Add(entry);
            }
        }

        if (unwrapped is ILocalReferenceOperation local)
        {
            foreach (var use in Root(local).DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            {
                if (SymbolEqualityComparer.Default.Equals(use.Local, local.Local) && (EntryOf(use.Parent, use) ?? EntryOf(use.Parent?.Parent, use)) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        return entries;
    }

    /// <summary>Any use: a local holding a list or an object may be read and added to, as long as it is never given another one.</summary>
    private static bool AnyUse(ILocalReferenceOperation reference) => true;

    /// <summary>
    /// The member that <c>Add("name", value)</c> or <c>["name"] = value</c> writes into the object
    /// <paramref name="receiver"/>, or into the object being initialized when it is null.
    /// </summary>
    private static Entry? EntryOf(IOperation? operation, IOperation? receiver)
    {
        bool Into(IOperation? instance) => receiver is null ? instance is IInstanceReferenceOperation : instance == receiver;

        return operation switch
        {
            IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add when Into(add.Instance) => new Entry(add.Arguments[0].Value, add.Arguments[1].Value),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment when Into(indexer.Instance) =>
                new Entry(indexer.Arguments[0].Value, assignment.Value),
            _ => null,
        };
    }

    private static void Check(CheckedCall call, IReadOnlyList<Entry> record, Action<Diagnostic> report)
    {
        var listed = call.Typed.Input.Values;
        foreach (var entry in record)
        {
            if (entry.Name is not { } name)
            {
                continue;
            }

            if (listed.FirstOrDefault(value => value.Wire == name) is not { } feature)
            {
                var closest = FeatureNames.Closest(name, listed.Select(value => value.Wire))!;
                report(Diagnostic.Create(
                    AnalyzerDescriptors.UnlistedFeature,
                    entry.Key.Syntax.GetLocation(),
                    [call.Invocation.Syntax.GetLocation()],
                    call.Properties(closest),
                    name, call.ServiceId, call.Endpoint.Id, closest));
            }
            else if (ExpectedKind(feature.Kind) is { } expected && ConstantKind(entry.Value, feature.Kind == ValueKind.Integer) is { } actual && actual != expected)
            {
                report(Diagnostic.Create(
                    AnalyzerDescriptors.FeatureOfWrongKind,
                    entry.Value.Syntax.GetLocation(),
                    name, call.ServiceId, call.Endpoint.Id, expected, actual));
            }
        }
    }

    /// <summary>The JSON type a constant must have for a feature of this kind; null when the document allows more than one.</summary>
    private static string? ExpectedKind(ValueKind kind) => kind switch
    {
        ValueKind.Number => "number",
        ValueKind.Integer => "integer",
        ValueKind.String or ValueKind.Enum or ValueKind.DateTime => "string",
        ValueKind.Boolean => "boolean",
        _ => null,
    };

    /// <summary>
    /// The JSON type of a constant value (before its conversion to <c>JsonNode</c>); null for no constant
    /// or null. A whole number is an "integer" when <paramref name="integerExpected"/>, and a "number" otherwise.
    /// </summary>
    private static string? ConstantKind(IOperation value, bool integerExpected)
    {
        var constant = OperationFacts.Unwrap(value).ConstantValue;
        if (!constant.HasValue)
        {
            return null;
        }

        return constant.Value switch
        {
            string or char => "string",
            bool => "boolean",
            double or float when integerExpected => Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture) is var number && number == Math.Floor(number) && !double.IsInfinity(number) ? "integer" : "number",
            decimal number when integerExpected => number == decimal.Truncate(number) ? "integer" : "number",
            sbyte or byte or short or ushort or int or uint or long or ulong => integerExpected ? "integer" : "number",
            double or float or decimal => "number",
            _ => null,
        };
    }

    private sealed record Types(INamedTypeSymbol NodeClient, INamedTypeSymbol NodeOptions, INamedTypeSymbol JsonObject);

    /// <summary>One member of a feature object: its key (its name when that is a constant) and value.</summary>
    private sealed record Entry(IOperation Key, IOperation Value)
    {
        public string? Name => Key.ConstantValue is { HasValue: true, Value: string name } ? name : null;
    }

    private sealed record CheckedCall(IInvocationOperation Invocation, string ServiceId, ServiceDocument Document, EndpointModel Endpoint, OperationModel Typed)
    {
        /// <summary>What the fixes need: the closest name, and where the service has a typed client, its endpoint and method.</summary>
        public ImmutableDictionary<string, string?> Properties(string closest)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(AnalyzerDescriptors.ClosestProperty, closest);
            return Document.ClientName is { } client
                ? properties
                    .Add(AnalyzerDescriptors.ClientProperty, client)
                    .Add(AnalyzerDescriptors.EndpointProperty, Endpoint.PropertyName)
                    .Add(AnalyzerDescriptors.MethodProperty, Typed.MethodName)
                : properties;
        }
    }
}
