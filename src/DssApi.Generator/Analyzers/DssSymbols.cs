using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// The runtime types the analyzers key off, resolved once per compilation. <see cref="TryCreate"/>
/// fails when DssApi is not referenced, so analyzers of other projects cost nothing.
/// </summary>
internal sealed class DssSymbols
{
    private static readonly ConditionalWeakTable<Compilation, StrongBox<DssSymbols?>> ByCompilation = new();

    private DssSymbols(Compilation compilation, INamedTypeSymbol settings)
    {
        Settings = settings;
        Saves = compilation.GetTypeByMetadataName("DssApi.Annotations.DssSavesAttribute");
        Mutates = compilation.GetTypeByMetadataName("DssApi.Annotations.DssMutatesAttribute");
        ReturnsFuture = compilation.GetTypeByMetadataName("DssApi.Annotations.DssReturnsFutureAttribute");
        StreamOwned = compilation.GetTypeByMetadataName("DssApi.Annotations.DssStreamOwnedAttribute");
        Since = compilation.GetTypeByMetadataName("DssApi.Annotations.DssSinceAttribute");
        InfraTypes = compilation.GetTypeByMetadataName("DssApi.Annotations.DssInfraTypesAttribute");
        CreatesDeployment = compilation.GetTypeByMetadataName("DssApi.Annotations.DssCreatesDeploymentAttribute");
        StartsDeployment = compilation.GetTypeByMetadataName("DssApi.Annotations.DssStartsDeploymentAttribute");
        IgnoredForInfraTypes = compilation.GetTypeByMetadataName("DssApi.Annotations.DssIgnoredForInfraTypesAttribute");
        SumsToOne = compilation.GetTypeByMetadataName("DssApi.Annotations.DssSumsToOneAttribute");
        Wire = compilation.GetTypeByMetadataName("DssApi.Annotations.DssWireAttribute");
        Secret = compilation.GetTypeByMetadataName("DssApi.DssSecret");
        TransportOptions = compilation.GetTypeByMetadataName("DssApi.DssTransportOptions");
        Version = compilation.GetTypeByMetadataName("System.Version");
        GeneratedCode = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
    }

    public INamedTypeSymbol Settings { get; }

    public INamedTypeSymbol? Saves { get; }

    public INamedTypeSymbol? Mutates { get; }

    public INamedTypeSymbol? ReturnsFuture { get; }

    public INamedTypeSymbol? StreamOwned { get; }

    public INamedTypeSymbol? Since { get; }

    public INamedTypeSymbol? InfraTypes { get; }

    public INamedTypeSymbol? CreatesDeployment { get; }

    public INamedTypeSymbol? StartsDeployment { get; }

    public INamedTypeSymbol? IgnoredForInfraTypes { get; }

    public INamedTypeSymbol? SumsToOne { get; }

    public INamedTypeSymbol? Wire { get; }

    public INamedTypeSymbol? Secret { get; }

    public INamedTypeSymbol? TransportOptions { get; }

    public INamedTypeSymbol? Version { get; }

    public INamedTypeSymbol? GeneratedCode { get; }

    public static bool TryCreate(Compilation compilation, out DssSymbols symbols)
    {
        // Every DssApi analyzer starts on each compilation: the first resolves the types, the others reuse them.
        symbols = ByCompilation.GetValue(compilation, static c => new StrongBox<DssSymbols?>(
            c.GetTypeByMetadataName("DssApi.DssSettings") is { } settings ? new DssSymbols(c, settings) : null)).Value!;
        return symbols is not null;
    }

    public static bool Has(ISymbol symbol, INamedTypeSymbol? attribute) => attribute is not null && Find(symbol, attribute) is not null;

    /// <summary>True when the operation calls a method marked with <paramref name="attribute"/>.</summary>
    public static bool IsCallTo(IOperation operation, INamedTypeSymbol? attribute) => operation is IInvocationOperation invocation && Has(invocation.TargetMethod, attribute);

    /// <remarks>A loop, not LINQ: the flow rules ask this of every call and property use to decide whether a body is worth a flow graph.</remarks>
    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is not null)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return data;
                }
            }
        }

        return null;
    }

    /// <remarks>Nothing allocated when none is found: DSS1010 asks this of every call in the compilation.</remarks>
    public static IReadOnlyList<AttributeData> FindAll(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        List<AttributeData>? found = null;
        if (attribute is not null)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    (found ??= []).Add(data);
                }
            }
        }

        return found ?? (IReadOnlyList<AttributeData>)[];
    }

    /// <summary>The string arguments of an attribute, constructor arguments and <c>params</c> arrays flattened.</summary>
    public static IEnumerable<string> Strings(AttributeData attribute) =>
        attribute.ConstructorArguments.SelectMany(a => a.Kind == TypedConstantKind.Array ? (IEnumerable<TypedConstant>)a.Values : new[] { a }).Select(v => v.Value).OfType<string>();

    /// <summary>The name DSS uses for a generated member (<c>[DssWire]</c>): a property's JSON field, an open enum member's value.</summary>
    public string? WireName(ISymbol member) => Find(member, Wire) is { ConstructorArguments.Length: 1 } data ? data.ConstructorArguments[0].Value as string : null;

    public bool IsSettings(ITypeSymbol? type) => DerivesFrom(type, Settings);

    public static bool DerivesFrom(ITypeSymbol? type, ITypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the value is settings just fetched from DSS by a generated call (the result of a
    /// GET). Settings returned by the user's own methods are not: those may have modified them.
    /// </summary>
    public bool IsLoad(IOperation value) => IsObtainedByCall(value, out var call) && IsDssApiMember(call.TargetMethod);

    /// <summary>True when the value is settings a call returned, whoever wrote the method: settings of this member's own, not ones it was handed.</summary>
    public bool IsObtainedByCall(IOperation value, out IInvocationOperation call)
    {
        call = (OperationFacts.Unwrap(value) as IInvocationOperation)!;
        return call is not null && IsSettings(value.Type);
    }

    /// <summary>True for a member of the runtime or of a type the DssApi generator wrote, in this compilation or a referenced one.</summary>
    public bool IsDssApiMember(ISymbol member)
    {
        if (SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, Settings.ContainingAssembly))
        {
            return true;
        }

        for (var type = member.ContainingType; type is not null; type = type.ContainingType)
        {
            if (Find(type, GeneratedCode) is { ConstructorArguments.Length: > 0 } generated && generated.ConstructorArguments[0].Value as string == Emit.SourceEmitter.ToolName)
            {
                return true;
            }
        }

        return false;
    }
}
