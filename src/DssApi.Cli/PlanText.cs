using DssApi.Deploy;

namespace DssApi.Cli;

/// <summary>A plan as people read it: one line per object, then its fields, then a summary line.</summary>
internal static class PlanText
{
    public static void Write(Plan plan, TextWriter output)
    {
        foreach (var change in plan.Changes)
        {
            output.WriteLine(change.Action == ChangeAction.None
                ? $"  {PlannedChangeWithoutAction(change)}: no change"
                : $"{Symbol(change.Action)} {change}");
            foreach (var field in change.Fields)
            {
                output.WriteLine($"      {field.Path}: {field.Current ?? "(none)"} -> {field.Desired ?? "(removed)"}");
            }

            foreach (var secret in change.SecretsLeftAlone)
            {
                output.WriteLine($"      {secret}: secret, unknown, left unchanged (--reset-secrets writes it)");
            }

            foreach (var warning in change.Warnings)
            {
                output.WriteLine($"      warning: {warning}");
            }
        }

        foreach (var item in plan.NotInFile)
        {
            output.WriteLine(item.WillBeDeleted
                ? $"- not in the file, deleted: {item.Kind} {item.Id}"
                : $"  not in the file, left alone: {item.Kind} {item.Id}");
        }

        var counts = plan.Changes.Where(change => change.Action != ChangeAction.None)
            .GroupBy(change => change.Action)
            .Select(group => $"{group.Count()} to {group.Key.ToString().ToLowerInvariant()}");
        output.WriteLine(plan.HasChanges ? $"Plan: {string.Join(", ", counts)}." : "No changes: DSS matches the file.");
    }

    private static string PlannedChangeWithoutAction(PlannedChange change) => change.ToString()["none ".Length..];

    private static char Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => '+',
        ChangeAction.Delete => '-',
        _ => '~',
    };
}
