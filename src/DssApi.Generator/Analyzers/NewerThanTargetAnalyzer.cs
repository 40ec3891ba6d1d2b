using System.Linq;
using DssApi.Generator.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Generator.Analyzers;

/// <summary>
/// DSS1011: a use that reaches DSS of a member marked <c>[DssSince]</c> with a version above the
/// project's target DSS version (MSBuild property <c>DssApiTargetVersion</c>). As with platform
/// checks, a use inside a branch that has checked the server version
/// (<c>version &gt;= new Version(13, 2)</c>), or after an early exit when it is older, is fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NewerThanTargetAnalyzer : DssAnalyzer
{
    private const string TargetProperty = "build_property.DssApiTargetVersion";

    public NewerThanTargetAnalyzer()
        : base(AnalyzerDescriptors.NewerThanTarget)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DssSymbols symbols)
    {
        if (symbols.Since is null
            || !context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(TargetProperty, out var configured)
            || configured.Trim() is not { } target
            || !VersionNumber.TryParse(target, out _))
        {
            return;
        }

        context.RegisterOperationAction(
            operation =>
            {
                if (Reached(symbols, operation.Operation) is { } member && NewestSince(symbols, member, operation.Operation) is { } since && VersionNumber.IsNewer(since, target)
                    && !IsGuarded(symbols, operation.Operation, since))
                {
                    var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? member.ContainingType.Name : member.Name;
                    operation.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.NewerThanTarget, operation.Operation.Syntax.GetLocation(), name, since, target));
                }
            },
            OperationKind.Invocation,
            OperationKind.PropertyReference,
            OperationKind.FieldReference,
            OperationKind.MethodReference,
            OperationKind.ObjectCreation);
    }

    /// <summary>
    /// The member whose use can fail on an older server: a call (a route, or a change to send
    /// later), a new object to send, a property written or changed through a call on its value,
    /// an enum value (a static member) used other than in a comparison. Reading a property or comparing with an enum value cannot
    /// fail: the value was already obtained, by a call this rule looks at instead. Nor can a
    /// method of a newer type that only computes from that value (<c>Logs()</c> of a <c>DeploymentUpdate</c>).
    /// </summary>
    private static ISymbol? Reached(DssSymbols symbols, IOperation operation) => operation switch
    {
        IInvocationOperation invocation when ReachesDss(symbols, invocation.TargetMethod) => invocation.TargetMethod,
        IMethodReferenceOperation reference => reference.Method,
        IObjectCreationOperation creation => creation.Constructor,
        IPropertyReferenceOperation { Property.IsStatic: true } value when !IsCompared(value) => value.Property,
        IPropertyReferenceOperation { Property.IsStatic: false } property when OperationFacts.WriterOf(property) is not null || property.Parent is IInvocationOperation { Instance: { } instance } && instance == property => property.Property,
        IFieldReferenceOperation value when !IsCompared(value) => value.Field,
        _ => null,
    };

    /// <summary>
    /// True for a route (it returns a task), a change to send later (<c>[DssMutates]</c>), or a
    /// method that is itself newer; not for a method that computes from a newer value already obtained.
    /// </summary>
    private static bool ReachesDss(DssSymbols symbols, IMethodSymbol method) =>
        DssSymbols.Has(method, symbols.Mutates) || DssSymbols.Has(method.OriginalDefinition, symbols.Since)
        || method.ReturnType.Name is "Task" or "ValueTask" || !method.ReturnType.GetMembers("GetAwaiter").IsEmpty;

    /// <summary>True when the value only takes part in a comparison, a pattern or a <c>case</c> label.</summary>
    private static bool IsCompared(IOperation value)
    {
        var consumer = OperationFacts.ConsumerOf(value, out _);
        return consumer is IBinaryOperation or IPatternOperation or ICaseClauseOperation;
    }

    /// <summary>
    /// The later of the member's and its type's <c>[DssSince]</c>. A property written on a newer
    /// type counts only its own: the object came from a call or a creation already looked at.
    /// </summary>
    private static string? NewestSince(DssSymbols symbols, ISymbol member, IOperation use)
    {
        string? newest = null;
        foreach (var symbol in use is IPropertyReferenceOperation ? new[] { member.OriginalDefinition } : new[] { member.OriginalDefinition, member.ContainingType })
        {
            if (symbol is not null && DssSymbols.Find(symbol, symbols.Since) is { } attribute
                && DssSymbols.Strings(attribute).FirstOrDefault() is { } since
                && (newest is null || VersionNumber.IsNewer(since, newest)))
            {
                newest = since;
            }
        }

        return newest;
    }

    /// <summary>
    /// True inside the branch of an <c>if</c> (or conditional expression) whose condition proves
    /// the server is at least <paramref name="since"/>, or after an <c>if</c> that leaves the
    /// block (return, throw, break, continue) when the condition fails.
    /// </summary>
    private static bool IsGuarded(DssSymbols symbols, IOperation operation, string since)
    {
        for (var child = operation; child.Parent is { } parent; child = parent)
        {
            if (parent is IConditionalOperation conditional
                && ((child == conditional.WhenTrue && Proves(symbols, conditional.Condition, since, whenTrue: true))
                    || (child == conditional.WhenFalse && Proves(symbols, conditional.Condition, since, whenTrue: false))))
            {
                return true;
            }

            if (parent is IBlockOperation block && IsAfterEarlyExit(symbols, block, child, since))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a statement before <paramref name="statement"/> in the block is an <c>if</c> without <c>else</c> that leaves whenever the server may be older than <paramref name="since"/>.</summary>
    private static bool IsAfterEarlyExit(DssSymbols symbols, IBlockOperation block, IOperation statement, string since)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation { WhenFalse: null } exit && AlwaysLeaves(exit.WhenTrue) && Proves(symbols, exit.Condition, since, whenTrue: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a statement that never completes normally: a return, throw, break or continue, alone or ending a block.</summary>
    private static bool AlwaysLeaves(IOperation statement) => statement switch
    {
        IBlockOperation { Operations.Length: > 0 } block => AlwaysLeaves(block.Operations[block.Operations.Length - 1]),
        IReturnOperation { Kind: OperationKind.Return } or IBranchOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation => true,
        _ => false,
    };

    /// <summary>
    /// True when the condition having the value <paramref name="whenTrue"/> proves a
    /// <c>System.Version</c> is at least <paramref name="since"/>: a comparison with a constant
    /// version, possibly among others joined by <c>&amp;&amp;</c> (or by <c>||</c>, for the false branch).
    /// </summary>
    private static bool Proves(DssSymbols symbols, IOperation condition, string since, bool whenTrue)
    {
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Proves(symbols, not.Operand, since, !whenTrue);
            case IBinaryOperation logical when logical.OperatorKind == (whenTrue ? BinaryOperatorKind.ConditionalAnd : BinaryOperatorKind.ConditionalOr):
                return Proves(symbols, logical.LeftOperand, since, whenTrue) || Proves(symbols, logical.RightOperand, since, whenTrue);
            case IBinaryOperation comparison when symbols.Version is { } version
                && SymbolEqualityComparer.Default.Equals(comparison.LeftOperand.Type, version):
                // With the constant on the left (new Version(13, 0) <= server), the server's side of the comparison is the mirror image.
                var serverOnLeft = ConstantVersion(comparison.LeftOperand) is null;
                var bound = ConstantVersion(serverOnLeft ? comparison.RightOperand : comparison.LeftOperand);
                var serverComparedBy = serverOnLeft ? comparison.OperatorKind : Mirrored(comparison.OperatorKind);
                var provesLowerBound = (serverComparedBy, whenTrue) is
                    (BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.GreaterThan, true) or (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual, false);
                return provesLowerBound && bound is not null && !VersionNumber.IsNewer(since, bound);
            default:
                return false;
        }
    }

    /// <summary>The comparison seen from its right operand: <c>a &lt;= b</c> is <c>b &gt;= a</c>.</summary>
    private static BinaryOperatorKind Mirrored(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => kind,
    };

    /// <summary>The version a constant <c>new Version(13, 2)</c> or <c>Version.Parse("13.2")</c> stands for.</summary>
    private static string? ConstantVersion(IOperation operation)
    {
        var arguments = OperationFacts.Unwrap(operation) switch
        {
            IObjectCreationOperation creation => creation.Arguments,
            IInvocationOperation { TargetMethod.IsStatic: true, Arguments.Length: 1 } parse => parse.Arguments,
            _ => default,
        };
        if (arguments.IsDefaultOrEmpty || arguments.Any(a => !a.Value.ConstantValue.HasValue))
        {
            return null;
        }

        var text = string.Join(".", arguments.Select(a => System.Convert.ToString(a.Value.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture)));
        return VersionNumber.TryParse(text, out _) ? text : null;
    }
}
