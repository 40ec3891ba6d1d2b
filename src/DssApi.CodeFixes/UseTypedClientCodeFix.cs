using System.Collections.Generic;
using System.Composition;
using System.Linq;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.CodeFixes;

/// <summary>
/// DSS1012: replaces the untyped call with the method of the service's typed client, which takes a
/// record built from the <c>JsonObject</c> written in the call: each feature set through its property
/// (a misspelled one through the property of the closest listed name, a listed enum value through its
/// member), the dispatch options through <c>DssQueryOptions</c>, and the cancellation token in scope.
/// The typed client is a local created over the same node client when one is in scope, else one created
/// in place over it (<c>new ChurnScoringClient(node)</c>, which leaves the node client to its owner).
/// Not offered when a feature or an argument has no typed counterpart of its type, two features land on
/// one property, a required feature is missing, or the features are not written in the call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTypedClientCodeFix)), Shared]
public sealed class UseTypedClientCodeFix : DssCodeFix
{
    private const string WireAttribute = "DssApi.Annotations.DssWireAttribute";
    private const string QueryOptions = "DssApi.Typed.DssQueryOptions";

    /// <summary>The parameters of the untyped calls that the typed method takes otherwise: the node client, the endpoint, the features.</summary>
    private static readonly HashSet<string> Replaced = ["client", "endpointId", "features", "records", "cancellationToken"];

    public UseTypedClientCodeFix()
        : base(AnalyzerDescriptors.UnlistedFeatureId, "Call the typed client")
    {
    }

    private protected override string Title(Diagnostic diagnostic) =>
        $"Call {diagnostic.Properties[AnalyzerDescriptors.ClientProperty]}Client.{diagnostic.Properties[AnalyzerDescriptors.EndpointProperty]}.{diagnostic.Properties[AnalyzerDescriptors.MethodProperty]}";

    private protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, SemanticModel model)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(AnalyzerDescriptors.ClientProperty, out var clientName) || clientName is null
            || !properties.TryGetValue(AnalyzerDescriptors.EndpointProperty, out var endpoint) || endpoint is null
            || !properties.TryGetValue(AnalyzerDescriptors.MethodProperty, out var method) || method is null
            || diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
            || model.GetOperation(invocation) is not IInvocationOperation call
            || GeneratedType(model.Compilation, clientName + "Client") is not { } client
            || client.GetMembers(endpoint).OfType<IPropertySymbol>().FirstOrDefault()?.Type.GetMembers(method).OfType<IMethodSymbol>().FirstOrDefault() is not { Parameters.Length: > 0 } typed
            || (call.Instance ?? call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value)?.Syntax is not ExpressionSyntax receiver)
        {
            return null;
        }

        var position = invocation.SpanStart;
        var input = typed.Parameters[0].Type;
        var many = input is INamedTypeSymbol { IsGenericType: true } list && list.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
        var record = many ? ((INamedTypeSymbol)input).TypeArguments[0] : input;
        var sent = Argument(call, many ? "records" : "features")?.Syntax as ArgumentSyntax;
        var records = sent is null ? null : many ? Records(sent.Expression, record, model) : Record(sent.Expression, record, model);
        if (records is null || QueryOptionsOf(call, model, position) is not (var options, true))
        {
            return null;
        }

        var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(records) };
        if (options is not null)
        {
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(options)));
        }

        var token = Argument(call, "cancellationToken") is { } given ? given.Value.Syntax.ToString() : SyntaxEdits.TokenInScope(model, position);
        if (token is not null)
        {
            arguments.Add(SyntaxFactory.ParseArgumentList($"(cancellationToken: {token})").Arguments[0]);
        }

        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), arguments.Count - 1);

        // Records that started on a line of their own still do.
        var beforeRecords = sent!.GetFirstToken().GetPreviousToken().TrailingTrivia;
        var openParenthesis = SyntaxFactory.Token(SyntaxKind.OpenParenToken)
            .WithTrailingTrivia(beforeRecords.Any(SyntaxKind.EndOfLineTrivia) ? beforeRecords : default);
        var typedCall = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression($"{TypedClient(client, receiver, model, position)}.{endpoint}.{method}"),
            SyntaxFactory.ArgumentList(openParenthesis, SyntaxFactory.SeparatedList(arguments, separators), SyntaxFactory.Token(SyntaxKind.CloseParenToken)));
        return root.ReplaceNode(invocation, typedCall.WithTriviaFrom(invocation));
    }

    private static IArgumentOperation? Argument(IInvocationOperation call, string parameter) =>
        call.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter && a.ArgumentKind == ArgumentKind.Explicit);

    /// <summary>The type of that name the DssApi generator wrote into the compilation.</summary>
    private static INamedTypeSymbol? GeneratedType(Compilation compilation, string name) =>
        compilation.GetSymbolsWithName(name, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .FirstOrDefault(type => type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"));

    /// <summary>A local of the typed client declared before the call over the very node client the call uses, else one created here over it.</summary>
    private static string TypedClient(INamedTypeSymbol client, ExpressionSyntax receiver, SemanticModel model, int position)
    {
        if (model.GetSymbolInfo(receiver).Symbol is ILocalSymbol or IParameterSymbol && receiver is IdentifierNameSyntax node)
        {
            foreach (var local in model.LookupSymbols(position).OfType<ILocalSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(local.Type, client)
                    && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } over } } declarator
                    && declarator.SpanStart < position
                    && over[0].Expression is IdentifierNameSyntax overNode && overNode.Identifier.ValueText == node.Identifier.ValueText)
                {
                    return local.Name;
                }
            }
        }

        return $"new {client.ToMinimalDisplayString(model, position)}({receiver.WithoutTrivia()})";
    }

    /// <summary>
    /// The <c>DssQueryOptions</c> that carry the call's other arguments (each into the property of its
    /// name, when its value converts to that property's type), null when there are none; false when one has no such property.
    /// </summary>
    private static (string? Options, bool Typed) QueryOptionsOf(IInvocationOperation call, SemanticModel model, int position)
    {
        var others = call.Arguments.Where(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter is { } parameter && !Replaced.Contains(parameter.Name)).ToList();
        if (others.Count == 0)
        {
            return (null, true);
        }

        if (model.Compilation.GetTypeByMetadataName(QueryOptions) is not { } optionsType)
        {
            return (null, false);
        }

        var members = new List<string>();
        foreach (var argument in others)
        {
            var name = char.ToUpperInvariant(argument.Parameter!.Name[0]) + argument.Parameter.Name.Substring(1);
            var value = ((ArgumentSyntax)argument.Syntax).Expression;
            if (optionsType.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is not { } property || !Converts(value, property.Type, model))
            {
                return (null, false);
            }

            members.Add($"{name} = {value}");
        }

        return ($"new {optionsType.ToMinimalDisplayString(model, position)} {{ {string.Join(", ", members)} }}", true);
    }

    /// <summary>The records written in the call (a collection expression or an array), each made from its <c>features</c> object; null when one cannot be.</summary>
    private static ExpressionSyntax? Records(ExpressionSyntax list, ITypeSymbol record, SemanticModel model)
    {
        var items = list switch
        {
            CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) => collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
            ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.ToList(),
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.ToList(),
            _ => null,
        };
        if (items is null)
        {
            return null;
        }

        var replacements = new Dictionary<ExpressionSyntax, ExpressionSyntax>();
        foreach (var item in items)
        {
            // A record sends its features alone: other members (a context) have no typed counterpart.
            if (Members(item) is not { Count: 1 } members || model.GetConstantValue(members[0].Key).Value as string != "features" || Record(members[0].Value, record, model) is not { } made)
            {
                return null;
            }

            replacements[item] = made.WithTriviaFrom(item);
        }

        var rewritten = list.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        return rewritten is ArrayCreationExpressionSyntax explicitArray
            ? explicitArray.WithType(explicitArray.Type.WithElementType(SyntaxFactory.ParseTypeName(record.ToMinimalDisplayString(model, list.SpanStart)).WithTriviaFrom(explicitArray.Type.ElementType)))
            : rewritten;
    }

    /// <summary>
    /// The record that a <c>JsonObject</c> written in place becomes, its initializer's layout kept; null when a
    /// member has no property of its own that takes its value, or a required one is missing.
    /// </summary>
    private static ExpressionSyntax? Record(ExpressionSyntax features, ITypeSymbol record, SemanticModel model)
    {
        if (features is not BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 } } creation || Members(features) is not { } members)
        {
            return null;
        }

        var byWire = record.GetMembers().OfType<IPropertySymbol>()
            .Select(property => (Property: property, Wire: property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == WireAttribute)?.ConstructorArguments[0].Value as string))
            .Where(pair => pair.Wire is not null)
            .ToDictionary(pair => pair.Wire!, pair => pair.Property);
        var assigned = new List<ExpressionSyntax>();
        var set = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var (key, value) in members)
        {
            if (model.GetConstantValue(key).Value is not string name
                || (byWire.ContainsKey(name) ? name : FeatureNames.Closest(name, byWire.Keys)) is not { } wire
                || !set.Add(byWire[wire])
                || Value(value, byWire[wire].Type, model) is not { } typedValue)
            {
                return null;
            }

            var element = key.Ancestors().First(a => a.Parent is InitializerExpressionSyntax initializer && initializer.Parent == creation);
            assigned.Add(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(byWire[wire].Name).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                typedValue).WithTriviaFrom(element));
        }

        if (byWire.Values.Any(property => property.IsRequired && !set.Contains(property)))
        {
            return null;
        }

        var type = SyntaxFactory.ParseTypeName(record.ToMinimalDisplayString(model, features.SpanStart));
        var initializer = creation.Initializer is { } written
            ? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, written.OpenBraceToken, SyntaxFactory.SeparatedList(assigned, written.Expressions.GetSeparators()), written.CloseBraceToken)
            : SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression).WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space));
        var beforeInitializer = creation.Initializer?.OpenBraceToken.GetPreviousToken().TrailingTrivia ?? SyntaxFactory.TriviaList(SyntaxFactory.Space);
        return SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                type.WithTrailingTrivia(beforeInitializer),
                null,
                initializer)
            .WithTriviaFrom(creation);
    }

    /// <summary>The key and value of each member a <c>JsonObject</c> written in place is initialized with; null for another expression or member.</summary>
    private static List<(ExpressionSyntax Key, ExpressionSyntax Value)>? Members(ExpressionSyntax jsonObject)
    {
        if (jsonObject is not BaseObjectCreationExpressionSyntax creation)
        {
            return null;
        }

        var members = new List<(ExpressionSyntax, ExpressionSyntax)>();
        foreach (var member in creation.Initializer?.Expressions ?? default)
        {
            switch (member)
            {
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments: { Count: 1 } index } } assignment:
                    members.Add((index[0].Expression, assignment.Right));
                    break;
                case InitializerExpressionSyntax { Expressions: { Count: 2 } pair }:
                    members.Add((pair[0], pair[1]));
                    break;
                default:
                    return null;
            }
        }

        return members;
    }

    /// <summary>The value as the property takes it: a listed enum value through its member, any other value when it converts implicitly; null otherwise.</summary>
    private static ExpressionSyntax? Value(ExpressionSyntax value, ITypeSymbol propertyType, SemanticModel model)
    {
        var type = propertyType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : propertyType;
        if (model.GetConstantValue(value).Value is string text
            && type.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => p.IsStatic && p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == WireAttribute && a.ConstructorArguments[0].Value as string == text)) is { } member)
        {
            return SyntaxFactory.ParseExpression($"{type.ToMinimalDisplayString(model, value.SpanStart)}.{member.Name}").WithTriviaFrom(value);
        }

        return Converts(value, propertyType, model) ? value : null;
    }

    /// <summary>True when the expression, as written (before its conversion to <c>JsonNode</c>), converts implicitly to <paramref name="type"/>.</summary>
    private static bool Converts(ExpressionSyntax value, ITypeSymbol type, SemanticModel model) => model.ClassifyConversion(value, type).IsImplicit;
}
