using System;
using System.Globalization;

namespace DssApi.Generator.Schema;

/// <summary>DSS versions as written in schemas ("13.2", "12.4.0"), compared part by part.</summary>
internal static class VersionNumber
{
    public static bool TryParse(string text, out int[] parts)
    {
        var pieces = text.Split('.');
        parts = new int[pieces.Length];
        if (pieces.Length is < 1 or > 4)
        {
            return false;
        }

        for (var i = 0; i < pieces.Length; i++)
        {
            if (!int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="since"/> is a later version than <paramref name="target"/>.</summary>
    public static bool IsNewer(string since, string target)
    {
        if (!TryParse(since, out var a) || !TryParse(target, out var b))
        {
            return false;
        }

        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x > y;
            }
        }

        return false;
    }
}
