using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PendingEdges = System.Collections.Generic.List<(int Block, bool? Holds)>;

namespace DssApi.Generator.Analyzers.Flow;

/// <summary>
/// A body whose control flow is only statements in order, nested blocks, <c>if</c>s with or
/// without <c>else</c>, loops without <c>break</c> or <c>continue</c>, <c>return</c> and
/// <c>throw</c>, read from its operation tree into the blocks its control flow graph would have.
/// Building a control flow graph costs far more than this look at the tree, and most bodies that
/// use the client are such lists of calls, with an <c>if</c> or a <c>foreach</c>.
/// </summary>
/// <remarks>
/// A body qualifies only when its graph would have the same operations in blocks that flow the
/// same way: expression statements, declarators with initializers (where the graph assigns the
/// local), an <c>if</c>'s or a loop's condition as the branch value that ends its block (one block
/// per operand of <c>&amp;&amp;</c> and <c>||</c> there), the value a <c>return</c> or
/// <c>throw</c> takes away as the branch value of a block that leads nowhere. No other operation
/// may branch, declare a local inside an expression, or be rewritten by the graph into several
/// (initializers, lambdas, conditional access). A conditional or <c>??</c> is allowed when what it
/// may skip is a constant: the graph splits the statement around it, which changes nothing a rule
/// sees as long as no local is used twice in that statement. Anything else (<c>break</c>,
/// <c>continue</c>, <c>try</c>, <c>using</c>, <c>switch</c>, <c>await foreach</c>, code after a
/// <c>return</c>) is left to the graph.
/// </remarks>
internal sealed class StructuredBody
{
    private readonly List<StructuredBlock> _blocks = [];

    /// <summary>The locals read by the expression being checked: reused, one expression at a time.</summary>
    private readonly List<ILocalSymbol> _used = [];

    private StructuredBody()
    {
    }

    /// <summary>The blocks, by ordinal; the first is where the body starts.</summary>
    public IReadOnlyList<StructuredBlock> Blocks => _blocks;

    /// <summary>The locals of the body's blocks and loops, each once, in order.</summary>
    public List<ILocalSymbol> DeclaredLocals { get; } = [];

    /// <summary>The body's blocks when its control flow is structured as above, otherwise null.</summary>
    public static StructuredBody? TryRead(IOperation root)
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

        var read = new StructuredBody();
        var open = read.NewBlock();
        return read.Reads(block, ref open) ? read : null;
    }

    /// <summary>
    /// Reads a statement into the open block, which it may end and replace; <paramref name="open"/>
    /// becomes -1 once the path leaves the body. False when the statement is not structured as above.
    /// </summary>
    private bool Reads(IOperation statement, ref int open)
    {
        if (open < 0)
        {
            return false; // unreachable code: the graph gives it blocks of its own
        }

        switch (statement)
        {
            case IBlockOperation block:
                DeclaredLocals.AddRange(block.Locals);
                return ReadsAll(block.Operations, ref open);
            case IThrowOperation { Exception: { } exception }:
                return Leaves(exception, ref open);
            case IExpressionStatementOperation expression when RunsInOrder(expression.Operation):
                _blocks[open].Statements.Add(expression);
                return true;
            case IVariableDeclarationGroupOperation group:
                return AddsDeclarators(group, _blocks[open].Statements);
            case IEmptyOperation:
                return true;
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: var value }:
                return Leaves(value, ref open);
            case IConditionalOperation conditional:
                return ReadsIf(conditional, ref open);
            case IWhileLoopOperation { ConditionIsUntil: false, IgnoredCondition: null, Condition: { } condition } loop:
                DeclaredLocals.AddRange(loop.Locals);
                return loop.ConditionIsTop
                    ? ReadsLoop(condition, loop.Body, ImmutableArray<IOperation>.Empty, ref open)
                    : ReadsDoWhile(condition, loop.Body, ref open);
            case IForLoopOperation loop:
                DeclaredLocals.AddRange(loop.Locals);
                DeclaredLocals.AddRange(loop.ConditionLocals);
                return ReadsAll(loop.Before, ref open) && ReadsLoop(loop.Condition, loop.Body, loop.AtLoopBottom, ref open);
            case IForEachLoopOperation { IsAsynchronous: false, LoopControlVariable: IVariableDeclaratorOperation { Initializer: null }, NextVariables.Length: 0 } loop:
                DeclaredLocals.AddRange(loop.Locals);
                return ReadsForEach(loop, ref open);
            default:
                return false;
        }
    }

    /// <summary>Reads statements in order; false at the first that is not structured as above.</summary>
    private bool ReadsAll(ImmutableArray<IOperation> statements, ref int open)
    {
        foreach (var statement in statements)
        {
            if (!Reads(statement, ref open))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Ends the open block with the value a <c>return</c> or <c>throw</c> takes away, if any; the path leaves the body.</summary>
    private bool Leaves(IOperation? value, ref int open)
    {
        if (value is not null)
        {
            if (!RunsInOrder(value))
            {
                return false;
            }

            _blocks[open].BranchValue = value;
        }

        open = -1;
        return true;
    }

    /// <summary>
    /// Ends the open block with the <c>if</c>'s condition, which goes to the block of the
    /// <c>if</c>'s body when it holds, otherwise to the <c>else</c>'s or to what follows. Whichever
    /// of them goes on leads to a new open block.
    /// </summary>
    private bool ReadsIf(IConditionalOperation conditional, ref int open)
    {
        var holds = new PendingEdges();
        var fails = new PendingEdges();
        if (!ReadsCondition(conditional.Condition, open, holds, fails))
        {
            return false;
        }

        var whenTrue = NewBlockAfter(holds);
        if (!Reads(conditional.WhenTrue, ref whenTrue))
        {
            return false;
        }

        var goOn = fails;
        if (conditional.WhenFalse is { } elseBody)
        {
            var whenFalse = NewBlockAfter(fails);
            if (!Reads(elseBody, ref whenFalse))
            {
                return false;
            }

            goOn = whenFalse < 0 ? [] : [(whenFalse, null)];
        }

        if (whenTrue >= 0)
        {
            goOn.Add((whenTrue, null));
        }

        open = goOn.Count == 0 ? -1 : NewBlockAfter(goOn);
        return true;
    }

    /// <summary>
    /// Ends the block with the condition, as its branch value. A condition made of <c>&amp;&amp;</c>,
    /// <c>||</c> and <c>!</c> is split as the graph splits it: each operand ends a block of its own,
    /// reached when the operands before it did not decide. Collects the edges taken when the whole
    /// condition holds and when it fails.
    /// </summary>
    private bool ReadsCondition(IOperation condition, int block, PendingEdges holds, PendingEdges fails)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr, OperatorMethod: null, Type.SpecialType: SpecialType.System_Boolean } binary:
                // && tests its right operand when the left one holds, || when it fails.
                var and = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd;
                var undecided = new PendingEdges();
                return ReadsCondition(binary.LeftOperand, block, and ? undecided : holds, and ? fails : undecided)
                    && ReadsCondition(binary.RightOperand, NewBlockAfter(undecided), holds, fails);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null, Operand: IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } operand }:
                return ReadsCondition(operand, block, fails, holds);
            default:
                if (condition.ConstantValue.HasValue || !RunsInOrder(condition))
                {
                    return false;
                }

                _blocks[block].BranchValue = condition;
                holds.Add((block, true));
                fails.Add((block, false));
                return true;
        }
    }

    /// <summary>
    /// A loop that tests its condition before each run of its body (none: it only ends by leaving
    /// the body); the statements at its bottom run after the body, before the next test.
    /// </summary>
    private bool ReadsLoop(IOperation? condition, IOperation body, ImmutableArray<IOperation> atBottom, ref int open)
    {
        var test = NewBlockAfter([(open, null)]);
        var fails = new PendingEdges();
        var start = test;
        if (condition is not null)
        {
            var holds = new PendingEdges();
            if (!ReadsCondition(condition, test, holds, fails))
            {
                return false;
            }

            start = NewBlockAfter(holds);
        }

        var end = start;
        if (!Reads(body, ref end) || !ReadsAll(atBottom, ref end))
        {
            return false;
        }

        if (end >= 0)
        {
            _blocks[end].Successors.Add(new FlowEdge(test, conditionHolds: null));
        }

        open = fails.Count == 0 ? -1 : NewBlockAfter(fails);
        return true;
    }

    /// <summary>A loop that runs its body, then tests its condition to run it again.</summary>
    private bool ReadsDoWhile(IOperation condition, IOperation body, ref int open)
    {
        var start = NewBlockAfter([(open, null)]);
        var end = start;
        var holds = new PendingEdges();
        var fails = new PendingEdges();
        if (!Reads(body, ref end) || end < 0 || !ReadsCondition(condition, end, holds, fails))
        {
            return false;
        }

        Link(holds, start);
        open = NewBlockAfter(fails);
        return true;
    }

    /// <summary>
    /// A <c>foreach</c>. The graph evaluates the collection once, into a capture of its
    /// enumerator: here the collection ends the block before the loop as its branch value, so that
    /// rules see it used, not dropped as a statement's value would be. A collection that is a
    /// local, maybe converted or awaited, is left to the graph, which shows the local as the
    /// receiver of a call. The graph also disposes of the enumerator in a <c>finally</c> that every
    /// block of the loop may reach, and that goes on after the loop: here a block that only does
    /// that. Where the enumerator needs no disposal the graph has no such block, and the paths
    /// through it only add states that could not occur.
    /// </summary>
    private bool ReadsForEach(IForEachLoopOperation loop, ref int open)
    {
        if (OperationFacts.Unwrap(loop.Collection) is ILocalReferenceOperation || !RunsInOrder(loop.Collection))
        {
            return false;
        }

        _blocks[open].BranchValue = loop.Collection;
        var next = NewBlockAfter([(open, null)]);
        var end = NewBlockAfter([(next, null)]);
        if (!Reads(loop.Body, ref end))
        {
            return false;
        }

        if (end >= 0)
        {
            _blocks[end].Successors.Add(new FlowEdge(next, conditionHolds: null));
        }

        var dispose = NewBlock();
        _blocks[dispose].IsHandlerEntry = true;
        for (var block = next; block < dispose; block++)
        {
            _blocks[block].Successors.Add(new FlowEdge(dispose, conditionHolds: null));
        }

        open = NewBlockAfter([(dispose, null)]);
        return true;
    }

    /// <summary>A new block, the target of every edge given (edges whose source is known and whose target was not yet).</summary>
    private int NewBlockAfter(PendingEdges edges)
    {
        var target = NewBlock();
        Link(edges, target);
        return target;
    }

    private void Link(PendingEdges edges, int target)
    {
        foreach (var (block, holds) in edges)
        {
            _blocks[block].Successors.Add(new FlowEdge(target, holds));
        }
    }

    private int NewBlock()
    {
        _blocks.Add(new StructuredBlock());
        return _blocks.Count - 1;
    }

    /// <summary>Adds the declarators that have an initializer, when every initializer runs in order.</summary>
    private bool AddsDeclarators(IVariableDeclarationGroupOperation group, List<IOperation> statements)
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

                if (declarator.Initializer is { } initializer)
                {
                    if (!RunsInOrder(initializer.Value))
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
    private bool RunsInOrder(IOperation expression)
    {
        _used.Clear();
        var branches = false;
        if (!Runs(expression, _used, ref branches))
        {
            return false;
        }

        if (branches)
        {
            for (var i = 1; i < _used.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (SymbolEqualityComparer.Default.Equals(_used[i], _used[j]))
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

/// <summary>A block of a <see cref="StructuredBody"/>: filled while the body is read, not changed after.</summary>
internal sealed class StructuredBlock
{
    /// <summary>Expression statements, and the declarators that have an initializer, in order.</summary>
    public List<IOperation> Statements { get; } = [];

    /// <summary>The <c>if</c>'s condition that ends the block, or the value a <c>return</c> or <c>throw</c> takes away.</summary>
    public IOperation? BranchValue { get; set; }

    public List<FlowEdge> Successors { get; } = [];

    /// <summary>True for a block that stands for a <c>finally</c>: it sees every state of the blocks that lead to it.</summary>
    public bool IsHandlerEntry { get; set; }
}
