using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Tests.Support;

/// <summary>Checks on the tracked steps of a generator run.</summary>
internal static class IncrementalAssert
{
    private static readonly string[] TrackedStepNames =
        typeof(TrackingNames).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>Every tracked step and every output reused the previous run's values.</summary>
    public static void AllCached(GeneratorRunResult result)
    {
        var steps = result.TrackedSteps.Where(s => TrackedStepNames.Contains(s.Key)).SelectMany(s => s.Value).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    /// <summary>The reasons of one tracked step's outputs.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    /// <summary>No tracked step holds a compiler object (symbols, syntax, compilations, locations), which would defeat caching.</summary>
    public static void NoCompilerObjects(GeneratorRunResult result)
    {
        var steps = result.TrackedSteps.Where(s => TrackedStepNames.Contains(s.Key)).SelectMany(s => s.Value).ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            foreach (var (value, _) in step.Outputs)
            {
                Visit(value, step.Name ?? "?", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void Visit(object? value, string step, HashSet<object> seen)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(
            type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true,
            $"step {step} holds a {type.FullName}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Visit(item, step, seen);
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.Name is "EqualityContract")
            {
                continue;
            }

            Visit(property.GetValue(value), step, seen);
        }
    }
}
