using System.Collections.Generic;
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

    public static LocalUse UseOf(ILocalReferenceOperation reference, out IOperation? consumer)
    {
        consumer = ConsumerOf(reference, out var wrapped);
        return consumer switch
        {
            ISimpleAssignmentOperation assignment when assignment.Target == wrapped => LocalUse.Assigned,
            IInvocationOperation invocation when invocation.Instance == wrapped => LocalUse.Receiver,
            IPropertyReferenceOperation property when property.Instance == wrapped => IsWritten(property) ? LocalUse.PropertyWrite : LocalUse.PropertyRead,
            _ => IsFormatted(wrapped, consumer) ? LocalUse.Formatted : LocalUse.HandedOn,
        };
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
