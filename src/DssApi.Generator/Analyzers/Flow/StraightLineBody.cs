using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>
/// A body whose statements run one after the other, read from its operation tree. Building a
/// control flow graph costs far more than this look at the tree, and most bodies that use the
/// client are such lists of calls, maybe with an <c>if</c> that leaves early or does a little
/// more. The statements are the operations the graph would hold: expression statements,
/// declarators with initializers (where the graph assigns the local), an <c>if</c>'s condition
/// and the returned value as branch values.
/// </summary>
/// <remarks>
/// A body qualifies only when its graph would have the same operations in the same blocks: no
/// statement but expression statements, declarations, <c>if</c>s without <c>else</c> and a final
/// return; no operation that branches, declares a local inside an expression, or that the graph
/// rewrites into several (initializers, lambdas, conditional access). An <c>if</c> qualifies when
/// its body either only leaves (a guard: it throws a new exception made of constants, or returns
/// a constant; the graph's block for it holds nothing a rule sees, and the path ends there) or
/// holds expression statements and declarations only, and then goes on. A conditional or
/// <c>??</c> is allowed when what it may skip is a constant: the graph splits the statement
/// around it, which changes nothing a rule sees as long as no local is used twice in that
/// statement.
/// </remarks>
internal sealed class StraightLineBody
{
    private StraightLineBody(List<StraightLineSegment> segments, IOperation? returned, HashSet<ILocalSymbol> declaredLocals)
    {
        Segments = segments;
        Returned = returned;
        DeclaredLocals = declaredLocals;
    }

    /// <summary>The statements between <c>if</c>s, in order; each segment but the last ends with one.</summary>
    public IReadOnlyList<StraightLineSegment> Segments { get; }

    /// <summary>The value the final <c>return</c> takes away, if any.</summary>
    public IOperation? Returned { get; }

    public HashSet<ILocalSymbol> DeclaredLocals { get; }

    /// <summary>The body's statements when it is straight-line, otherwise null.</summary>
    public static StraightLineBody? TryRead(IOperation root)
    {
        var block = root switch
        {
            IMethodBodyBaseOperation { BlockBody: { } body, ExpressionBody: null } and not IConstructorBodyOperation { Initializer: not null } => body,
            IMethodBodyBaseOperation { BlockBody: null, ExpressionBody: { } body } and not IConstructorBodyOperation { Initializer: not null } => body,
            IBlockOperation body => body,
            _ => null,
        };
        if (block is null)
        {
            return null;
        }

        var segments = new List<StraightLineSegment>();
        var statements = new List<IOperation>(block.Operations.Length);
        var declared = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var used = new List<ILocalSymbol>();
        IOperation? returned = null;
        for (var i = 0; i < block.Operations.Length; i++)
        {
            var statement = block.Operations[i];
            if (AddsInOrder(statement, statements, declared, used))
            {
                continue;
            }

            switch (statement)
            {
                case IConditionalOperation { WhenFalse: null, Condition: var condition } conditional
                    when condition.ConstantValue is not { HasValue: true } && RunsInOrder(condition, used):
                    // A guard's body holds nothing a rule sees; any other body must run in order and go on.
                    List<IOperation>? whenTrue = null;
                    if (!LeavesWithConstants(conditional.WhenTrue) && (whenTrue = ReadsOptional(conditional.WhenTrue, declared, used)) is null)
                    {
                        return null;
                    }

                    segments.Add(new StraightLineSegment(statements, condition, whenTrue));
                    statements = [];
                    break;
                case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: var value } when i == block.Operations.Length - 1:
                    if (value is not null && !RunsInOrder(value, used))
                    {
                        return null;
                    }

                    returned = value;
                    break;
                default:
                    return null;
            }
        }

        segments.Add(new StraightLineSegment(statements, condition: null, whenTrue: null));
        return new StraightLineBody(segments, returned, declared);
    }

    /// <summary>True for a guard's body that throws a new exception made of constants, or returns nothing or a constant.</summary>
    private static bool LeavesWithConstants(IOperation operation)
    {
        while (operation is IBlockOperation { Operations.Length: 1, Locals.Length: 0 } block)
        {
            operation = block.Operations[0];
        }

        if (operation is IExpressionStatementOperation statement)
        {
            operation = statement.Operation;
        }

        switch (operation)
        {
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: var value }:
                return value is null || IsConstant(value);
            case IThrowOperation { Exception: { } exception }:
                while (exception is IConversionOperation { OperatorMethod: null } conversion)
                {
                    exception = conversion.Operand;
                }

                if (exception is not IObjectCreationOperation { Initializer: null } creation)
                {
                    return false;
                }

                foreach (var argument in creation.Arguments)
                {
                    if (!IsConstant(argument.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The statements of an <c>if</c>'s body that runs and goes on: expression statements and declarations only.</summary>
    private static List<IOperation>? ReadsOptional(IOperation body, HashSet<ILocalSymbol> declared, List<ILocalSymbol> used)
    {
        var statements = new List<IOperation>();
        foreach (var statement in body is IBlockOperation block ? block.Operations : ImmutableArray.Create(body))
        {
            if (!AddsInOrder(statement, statements, declared, used))
            {
                return null;
            }
        }

        return statements;
    }

    /// <summary>Adds an expression statement or the declarators of a declaration when they run in order; true also for an empty statement.</summary>
    private static bool AddsInOrder(IOperation statement, List<IOperation> statements, HashSet<ILocalSymbol> declared, List<ILocalSymbol> used)
    {
        switch (statement)
        {
            case IExpressionStatementOperation expression when RunsInOrder(expression.Operation, used):
                statements.Add(expression);
                return true;
            case IVariableDeclarationGroupOperation group:
                return AddDeclarators(group, statements, declared, used);
            case IEmptyOperation:
                return true;
            default:
                return false;
        }
    }

    private static bool AddDeclarators(IVariableDeclarationGroupOperation group, List<IOperation> statements, HashSet<ILocalSymbol> declared, List<ILocalSymbol> used)
    {
        foreach (var declaration in group.Declarations)
        {
            if (declaration.Initializer is not null || declaration.IgnoredDimensions.Length > 0)
            {
                return false;
            }

            foreach (var declarator in declaration.Declarators)
            {
                if (declarator.IgnoredArguments.Length > 0)
                {
                    return false;
                }

                declared.Add(declarator.Symbol);
                if (declarator.Initializer is { } initializer)
                {
                    if (!RunsInOrder(initializer.Value, used))
                    {
                        return false;
                    }

                    statements.Add(declarator);
                }
            }
        }

        return true;
    }

    /// <summary>True when the graph would keep the expression whole, or split it only in ways no rule can see.</summary>
    private static bool RunsInOrder(IOperation expression, List<ILocalSymbol> used)
    {
        used.Clear();
        var branches = false;
        if (!Runs(expression, used, ref branches))
        {
            return false;
        }

        if (branches)
        {
            for (var i = 1; i < used.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (SymbolEqualityComparer.Default.Equals(used[i], used[j]))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>True when the operation and everything in it run in order, each once; collects the locals it reads.</summary>
    private static bool Runs(IOperation operation, List<ILocalSymbol> used, ref bool branches)
    {
        switch (operation)
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                branches = true;
                return Runs(conditional.Condition, used, ref branches) && IsConstant(conditional.WhenTrue) && IsConstant(whenFalse);
            case ICoalesceOperation coalesce:
                branches = true;
                return Runs(coalesce.Value, used, ref branches) && IsConstant(coalesce.WhenNull);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
            case IObjectCreationOperation { Initializer: not null }:
            case IDelegateCreationOperation { Target: not IMethodReferenceOperation }:
                return false;
            case ILocalReferenceOperation reference:
                used.Add(reference.Local);
                break;
        }

        switch (operation.Kind)
        {
            case OperationKind.Invocation:
            case OperationKind.Argument:
            case OperationKind.Await:
            case OperationKind.Conversion:
            case OperationKind.LocalReference:
            case OperationKind.ParameterReference:
            case OperationKind.FieldReference:
            case OperationKind.PropertyReference:
            case OperationKind.MethodReference:
            case OperationKind.DelegateCreation:
            case OperationKind.InstanceReference:
            case OperationKind.Literal:
            case OperationKind.DefaultValue:
            case OperationKind.TypeOf:
            case OperationKind.SizeOf:
            case OperationKind.Unary:
            case OperationKind.Binary:
            case OperationKind.IsType:
            case OperationKind.SimpleAssignment:
            case OperationKind.CompoundAssignment:
            case OperationKind.Increment:
            case OperationKind.Decrement:
            case OperationKind.Discard:
            case OperationKind.ObjectCreation:
            case OperationKind.ArrayCreation:
            case OperationKind.ArrayInitializer:
            case OperationKind.ArrayElementReference:
            case OperationKind.InterpolatedString:
            case OperationKind.InterpolatedStringText:
            case OperationKind.Interpolation:
                break;
            default:
                return false;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (!Runs(child, used, ref branches))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a value that reads nothing and calls nothing: skipping it changes nothing a rule sees.</summary>
    private static bool IsConstant(IOperation operation) => operation switch
    {
        ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or ISizeOfOperation => true,
        IFieldReferenceOperation { Instance: null } => true,
        IConversionOperation { OperatorMethod: null } conversion => IsConstant(conversion.Operand),
        IUnaryOperation { OperatorMethod: null } unary => IsConstant(unary.Operand),
        IBinaryOperation { OperatorMethod: null, OperatorKind: not (BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr) } binary
            => IsConstant(binary.LeftOperand) && IsConstant(binary.RightOperand),
        _ => false,
    };
}

/// <summary>
/// Statements that run one after the other, then the condition of the <c>if</c> that ends them,
/// if any: a guard that leaves when it holds, or one whose body runs and goes on.
/// </summary>
internal sealed class StraightLineSegment
{
    public StraightLineSegment(IReadOnlyList<IOperation> statements, IOperation? condition, IReadOnlyList<IOperation>? whenTrue)
    {
        Statements = statements;
        Condition = condition;
        WhenTrue = whenTrue;
    }

    /// <summary>Expression statements, and the declarators that have an initializer, in order.</summary>
    public IReadOnlyList<IOperation> Statements { get; }

    /// <summary>The condition of the <c>if</c> after the statements.</summary>
    public IOperation? Condition { get; }

    /// <summary>Null when the <c>if</c> leaves the body when its condition holds; otherwise the statements of its body, which run then and go on.</summary>
    public IReadOnlyList<IOperation>? WhenTrue { get; }
}
