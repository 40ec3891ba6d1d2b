using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>How a local is used by the operation that reads it.</summary>
internal enum LocalUse
{
    /// <summary>The local is assigned a new value.</summary>
    Assigned,

    /// <summary>A method is called on it.</summary>
    Receiver,

    /// <summary>One of its properties is read.</summary>
    PropertyRead,

    /// <summary>One of its properties is written.</summary>
    PropertyWrite,

    /// <summary>
    /// Only turned into text: interpolated, concatenated to a string, or passed as <c>object</c>
    /// (<c>Console.WriteLine</c>, a log call's arguments). Code that sees it as <c>object</c> can
    /// format it, not save, start or dispose it.
    /// </summary>
    Formatted,

    /// <summary>Anything else: passed, returned, stored, aliased, tested. The value may live on elsewhere.</summary>
    HandedOn,
}

/// <summary>Readings of operations shared by the rules.</summary>
internal static class OperationFacts
{
    /// <summary>
    /// The operation that produces a value, looking through conversions, awaits,
    /// <c>ConfigureAwait</c> and blocking waits (<c>.GetAwaiter().GetResult()</c>, <c>.Result</c>).
    /// </summary>
    public static IOperation Unwrap(IOperation value)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    break;
                case IAwaitOperation awaited:
                    value = awaited.Operation;
                    break;
                case IInvocationOperation { Instance: { } instance } invocation when IsConfigureAwait(invocation) || IsBlockingWait(invocation):
                    value = instance;
                    break;
                case IPropertyReferenceOperation { Instance: { } task } result when IsTaskResult(result):
                    value = task;
                    break;
                default:
                    return value;
            }
        }
    }

    /// <summary>The operation that consumes a value, looking up through the wrappers <see cref="Unwrap"/> looks through.</summary>
    public static IOperation? ConsumerOf(IOperation value, out IOperation wrapped)
    {
        wrapped = value;
        while (wrapped.Parent is { } parent
            && (parent is IConversionOperation or IAwaitOperation
                || (parent is IInvocationOperation invocation && (IsConfigureAwait(invocation) || IsBlockingWait(invocation)) && invocation.Instance == wrapped)
                || (parent is IPropertyReferenceOperation result && IsTaskResult(result) && result.Instance == wrapped)))
        {
            wrapped = parent;
        }

        return wrapped.Parent;
    }

    /// <summary>
    /// True for a top-level <c>local = value</c>, as a control flow graph writes declarations with
    /// initializers too, or for such a declarator of a body read from its operation tree.
    /// </summary>
    public static bool IsAssignmentToLocal(IOperation operation, out ILocalSymbol local, out IOperation value)
    {
        if (operation is IExpressionStatementOperation statement)
        {
            operation = statement.Operation;
        }

        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                local = target.Local;
                value = assignment.Value;
                return true;
            case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                local = declarator.Symbol;
                value = initializer.Value;
                return true;
        }

        local = null!;
        value = null!;
        return false;
    }

    /// <summary>True when the operation gives <paramref name="local"/> a new value.</summary>
    public static bool Reassigns(IOperation operation, ILocalSymbol local) =>
        IsAssignmentToLocal(operation, out var assigned, out _) && SymbolEqualityComparer.Default.Equals(assigned, local);

    /// <summary>How the local is used; <paramref name="model"/> is the source's, for a reference in a control flow graph (see <see cref="InSource"/>).</summary>
    public static LocalUse UseOf(ILocalReferenceOperation reference, out IOperation? consumer, SemanticModel? model = null) => UseOf(InSource(reference, model), out consumer, depth: 0);

    private static LocalUse UseOf(IOperation value, out IOperation? consumer, int depth)
    {
        consumer = ConsumerOf(value, out var wrapped);
        if (consumer is IConditionalAccessOperation access && access.Operation == wrapped && depth < MaxDepth
            && ConditionalInstanceOf(access) is { } instance)
        {
            // value?.Member uses the value as value.Member does, when it is not null
            return UseOf(instance, out consumer, depth + 1);
        }

        return consumer switch
        {
            ISimpleAssignmentOperation assignment when assignment.Target == wrapped => LocalUse.Assigned,
            IInvocationOperation invocation when invocation.Instance == wrapped => LocalUse.Receiver,
            IPropertyReferenceOperation property when property.Instance == wrapped => IsWritten(property) ? LocalUse.PropertyWrite : LocalUse.PropertyRead,
            _ => IsFormatted(wrapped, consumer) ? LocalUse.Formatted : LocalUse.HandedOn,
        };
    }

    private const int MaxDepth = 8;

    private static readonly HashSet<string> QueryMethods =
    [
        "Contains", "ContainsKey", "IndexOf", "TryGetValue", "TryGetPropertyValue", "GetValue", "GetValueKind", "GetPath",
        "ToJsonString", "ToString", "Equals", "GetHashCode", "AsObject", "AsArray", "AsValue", "DeepClone", "GetEnumerator",
    ];

    /// <summary>
    /// The operation of the source's operation tree that <paramref name="operation"/>, taken from
    /// a control flow graph (whose operations have no semantic model), stands for. A control flow
    /// graph moves the operands of <c>?.</c>, <c>??</c> and <c>?:</c> into captures, and
    /// declarations into assignments, whose parents say less of how the value is used than the
    /// tree the compiler built from the source. <paramref name="model"/> is the source's.
    /// </summary>
    public static IOperation InSource(IOperation operation, SemanticModel? model) =>
        operation.SemanticModel is null
        && model?.GetOperation(operation.Syntax) is { } source && source.Kind == operation.Kind && source.Parent is not null
            ? source
            : operation;

    /// <summary>
    /// True when nothing done with <paramref name="value"/> (an object read from settings: a
    /// list, a nested record, the raw JSON) can change it: it is only read, compared, formatted,
    /// queried (<c>Contains</c>, <c>Count</c>, LINQ with lambdas that only read), iterated over
    /// with elements only read, or kept in a local, loop or pattern variable that is itself only
    /// read. Anything else (passed on, returned, stored, written) may change it.
    /// </summary>
    public static bool IsOnlyRead(IOperation value, SemanticModel? model) => IsOnlyRead(InSource(value, model), depth: 0);

    private static bool IsOnlyRead(IOperation value, int depth)
    {
        if (value.Type is { } type && (type.IsValueType || type.SpecialType == SpecialType.System_String))
        {
            return true; // a copy, or immutable text
        }

        if (depth > MaxDepth)
        {
            return false;
        }

        var consumer = ConsumerOf(value, out var wrapped);
        switch (consumer)
        {
            case IPropertyReferenceOperation property when property.Instance == wrapped:
                return !IsWritten(property) && IsOnlyRead(property, depth + 1);
            case IConditionalAccessOperation access when access.Operation == wrapped:
                return ConditionalInstanceOf(access) is { } instance && IsOnlyRead(instance, depth + 1) && IsOnlyRead(access, depth + 1);
            case IInvocationOperation call when call.Instance == wrapped:
                return QueryMethods.Contains(call.TargetMethod.Name) && IsOnlyRead(call, depth + 1);
            case IArgumentOperation { Parent: IInvocationOperation call } argument when IsLinqOn(call, argument):
                return LambdasOnlyRead(call, depth) && IsOnlyRead(call, depth + 1);
            case IForEachLoopOperation loop when loop.Collection == wrapped:
                return LocalsOnlyRead(loop.Locals, loop.Body, depth);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return LocalsOnlyRead([declarator.Symbol], RootOf(declarator), depth);
            case IIsPatternOperation pattern when pattern.Value == wrapped:
                return LocalsOnlyRead(DeclaredBy(pattern.Pattern), RootOf(pattern), depth);
            case IIsTypeOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals }:
                return true;
            case ICoalesceOperation coalesce when coalesce.Value == wrapped:
                return IsOnlyRead(coalesce, depth + 1);
            default:
                return IsFormatted(wrapped, consumer);
        }
    }

    /// <summary>
    /// The text of a constant string, or of a local that is given a string literal where it is
    /// declared and never written again (<c>var id = "prod";</c>): as fixed as a constant.
    /// </summary>
    public static string? ConstantText(IOperation value, SemanticModel? model = null)
    {
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return text;
        }

        return value is ILocalReferenceOperation { Local: { IsConst: false, IsRef: false, DeclaringSyntaxReferences.Length: 1 } local } reference
            && local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } declarator
            && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && (reference.SemanticModel ?? model) is { } source
            && !IsWrittenAfterDeclaration(declarator, local, source)
                ? literal.Token.ValueText
                : null;
    }

    private static bool IsWrittenAfterDeclaration(VariableDeclaratorSyntax declarator, ILocalSymbol local, SemanticModel model)
    {
        var scope = declarator.Ancestors().FirstOrDefault(n => n is MemberDeclarationSyntax or CompilationUnitSyntax) ?? declarator.SyntaxTree.GetRoot();
        foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var written = name.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == name,
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                _ => false,
            };
            if (written && name.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>x</c> of <c>value?.x</c>: the stand-in for the value inside the access, not inside a nested one.</summary>
    private static IConditionalAccessInstanceOperation? ConditionalInstanceOf(IConditionalAccessOperation access)
    {
        foreach (var operation in access.WhenNotNull.DescendantsAndSelf())
        {
            if (operation is IConditionalAccessInstanceOperation instance)
            {
                return instance;
            }
        }

        return null;
    }

    /// <summary>A LINQ operator (<c>System.Linq.Enumerable</c>) called on the value.</summary>
    private static bool IsLinqOn(IInvocationOperation call, IArgumentOperation argument) =>
        call.TargetMethod is { IsExtensionMethod: true, ContainingType: { Name: "Enumerable", ContainingNamespace.Name: "Linq" } }
        && call.Arguments.Length > 0 && call.Arguments[0] == argument;

    /// <summary>True when every lambda given to the call only reads what it is handed.</summary>
    private static bool LambdasOnlyRead(IInvocationOperation call, int depth)
    {
        foreach (var argument in call.Arguments)
        {
            var lambda = argument.Value.DescendantsAndSelf().OfType<IAnonymousFunctionOperation>().FirstOrDefault();
            if (lambda is not null)
            {
                foreach (var reference in lambda.Body.DescendantsAndSelf().OfType<IParameterReferenceOperation>())
                {
                    if (lambda.Symbol.Parameters.Contains(reference.Parameter, SymbolEqualityComparer.Default) && !IsOnlyRead(reference, depth + 1))
                    {
                        return false;
                    }
                }
            }
            else if (argument != call.Arguments[0] && argument.Value.Type is { IsValueType: false, SpecialType: not SpecialType.System_String })
            {
                return false; // a method group or another object the elements are handed to
            }
        }

        return true;
    }

    /// <summary>True when every reference to the locals in <paramref name="scope"/>, other than giving them a new value, only reads them.</summary>
    private static bool LocalsOnlyRead(IEnumerable<ILocalSymbol> locals, IOperation scope, int depth)
    {
        foreach (var local in locals)
        {
            foreach (var reference in References(scope, local))
            {
                if (!IsAssignmentTarget(reference) && !IsOnlyRead(reference, depth + 1))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsAssignmentTarget(ILocalReferenceOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    private static IEnumerable<ILocalSymbol> DeclaredBy(IPatternOperation pattern) =>
        pattern.DescendantsAndSelf().Select(p => p switch
        {
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
            _ => null,
        }).OfType<ILocalSymbol>();

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    private static bool IsFormatted(IOperation wrapped, IOperation? consumer) => consumer switch
    {
        IInterpolationOperation => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => true,
        IArgumentOperation { Parameter.Type.SpecialType: SpecialType.System_Object } => true,
        IArrayInitializerOperation { Parent: IArrayCreationOperation { IsImplicit: true, Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray } } } => wrapped.Type?.SpecialType == SpecialType.System_Object,
        _ => false,
    };

    /// <summary>The references to <paramref name="local"/> inside <paramref name="operation"/>, in the order of <see cref="OperationExtensions.DescendantsAndSelf"/>.</summary>
    /// <remarks>Walks the whole tree: the flow rules ask <see cref="Flow.FlowGraph.References"/> instead, which answers from an index built once per graph.</remarks>
    public static IReadOnlyList<ILocalReferenceOperation> References(IOperation operation, ILocalSymbol local)
    {
        List<ILocalReferenceOperation>? found = null;
        CollectReferences(operation, local, ref found);
        return (IReadOnlyList<ILocalReferenceOperation>?)found ?? [];
    }

    /// <summary>True when the invocation is called on <paramref name="local"/>.</summary>
    public static bool IsCalledOn(IInvocationOperation invocation, ILocalSymbol local) =>
        invocation.Instance is { } instance && Unwrap(instance) is ILocalReferenceOperation receiver && SymbolEqualityComparer.Default.Equals(receiver.Local, local);

    private static void CollectReferences(IOperation operation, ILocalSymbol local, ref List<ILocalReferenceOperation>? found)
    {
        if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
        {
            (found ??= []).Add(reference);
        }

        foreach (var child in operation.ChildOperations)
        {
            CollectReferences(child, local, ref found);
        }
    }

    private static bool IsWritten(IOperation operation) => WriterOf(operation) is not null;

    /// <summary>
    /// The assignment, increment or deconstruction that writes <paramref name="target"/>, or null
    /// when it is only read. Read from the syntax: when the assigned value branches (<c>?:</c>,
    /// <c>??</c>, <c>??=</c>, a throw expression), a control flow graph captures the target
    /// before the branch, and the assignment is then no parent of it.
    /// </summary>
    public static SyntaxNode? WriterOf(IOperation target)
    {
        var node = target.Syntax;
        while (node.Parent is ParenthesizedExpressionSyntax or TupleExpressionSyntax || node.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax })
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment when assignment.Left == node => assignment,
            PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PreIncrementExpression) || unary.IsKind(SyntaxKind.PreDecrementExpression) => unary,
            PostfixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PostIncrementExpression) || unary.IsKind(SyntaxKind.PostDecrementExpression) => unary,
            _ => null,
        };
    }

    /// <summary><c>GetAwaiter()</c>, and the <c>GetResult()</c> called on what it returns: <c>task.GetAwaiter().GetResult()</c> waits for the task's value.</summary>
    private static bool IsBlockingWait(IInvocationOperation invocation) =>
        invocation.Instance is not null && invocation.Arguments.IsEmpty && invocation.TargetMethod.Name is "GetAwaiter" or "GetResult";

    private static bool IsTaskResult(IPropertyReferenceOperation property) =>
        property.Property.Name == nameof(System.Threading.Tasks.Task<int>.Result) && property.Instance?.Type is INamedTypeSymbol { IsGenericType: true } task && task.ConstructedFrom.Name is "Task" or "ValueTask";

    private static bool IsConfigureAwait(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name == nameof(System.Threading.Tasks.Task.ConfigureAwait) && invocation.Instance is not null;
}
