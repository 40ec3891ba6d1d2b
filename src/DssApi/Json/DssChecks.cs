using System.ComponentModel;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>Argument checks that schema parameters ask for (<c>nonEmpty</c>, <c>sumsToOne</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssChecks
{
    // DSS compares the sum of probabilities with 1 in floating point; allow for rounding of decimal inputs
    private const double Tolerance = 1e-9;

    /// <summary>The items as a list, or an exception when there are none.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="parameterName">The parameter the items came from.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ArgumentException">When there are no items.</exception>
    public static IReadOnlyList<T> NotEmpty<T>(IEnumerable<T> items, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        var list = items.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one item is needed.", parameterName);
        }

        return list;
    }

    /// <summary>The items as a list, or an exception when one is not a JSON object with the member <paramref name="member"/>.</summary>
    /// <param name="items">The items.</param>
    /// <param name="member">The member every item must have.</param>
    /// <param name="parameterName">The parameter the items came from.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ArgumentException">When an item lacks the member.</exception>
    public static IReadOnlyList<JsonNode?> ItemsHave(IEnumerable<JsonNode?> items, string member, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        var list = items.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject item || !item.ContainsKey(member))
            {
                throw new ArgumentException($"Item {i} has no \"{member}\" member.", parameterName);
            }
        }

        return list;
    }

    /// <summary>The items as a list, or an exception when their probabilities do not add up to 1.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="probability">Reads an item's probability.</param>
    /// <param name="parameterName">The parameter the items came from.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ArgumentException">When a probability is missing, negative, or the sum is not 1.</exception>
    public static IReadOnlyList<T> SumsToOne<T>(IEnumerable<T> items, Func<T, double?> probability, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        var list = items.ToList();
        var sum = 0.0;
        foreach (var item in list)
        {
            var value = probability(item);
            if (value is not { } p || p < 0 || double.IsNaN(p))
            {
                throw new ArgumentException("Every probability must be set and not negative.", parameterName);
            }

            sum += p;
        }

        if (Math.Abs(sum - 1.0) > Tolerance)
        {
            throw new ArgumentException($"The probabilities add up to {sum}, not 1.", parameterName);
        }

        return list;
    }
}
