using System;
using System.Collections.Generic;

namespace DssApi.Generator.Analyzers;

/// <summary>The name a misspelled feature most likely meant, for DSS1012's message and its fixes.</summary>
public static class FeatureNames
{
    /// <summary>
    /// The known name the fewest single-character edits away from <paramref name="name"/>, case ignored
    /// (so the same name in another case first), the first listed on a tie; null when none is known.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? closest = null;
        var fewestEdits = int.MaxValue;
        foreach (var candidate in known)
        {
            var edits = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (edits < fewestEdits)
            {
                closest = candidate;
                fewestEdits = edits;
            }
        }

        return closest;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, one row at a time.</summary>
    private static int EditDistance(string from, string to)
    {
        var previous = new int[to.Length + 1];
        var current = new int[to.Length + 1];
        for (var j = 0; j <= to.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[to.Length];
    }
}
