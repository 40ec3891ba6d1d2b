namespace DssApi.Package.Tests;

/// <summary>The code blocks of the repository's READMEs, so that tests run what the READMEs show.</summary>
public static class Readme
{
    /// <summary>
    /// The fenced blocks of <paramref name="language"/> in the section that <paramref name="heading"/>
    /// opens (up to the next heading of the same or a higher level), in order.
    /// </summary>
    public static string[] CodeBlocks(string readmePath, string heading, string language)
    {
        var lines = File.ReadAllLines(readmePath);
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"{readmePath} has no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();

        var blocks = new List<string>();
        List<string>? block = null;
        var inOtherBlock = false;
        foreach (var line in lines.Skip(start + 1))
        {
            if (block is null && !inOtherBlock && IsHeadingAtOrAbove(line, level))
            {
                break;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (block is not null)
                {
                    blocks.Add(string.Join('\n', block) + "\n");
                    block = null;
                }
                else if (inOtherBlock)
                {
                    inOtherBlock = false;
                }
                else if (line == "```" + language)
                {
                    block = [];
                }
                else
                {
                    inOtherBlock = true;
                }
            }
            else
            {
                block?.Add(line);
            }
        }

        return [.. blocks];
    }

    private static bool IsHeadingAtOrAbove(string line, int level)
    {
        var hashes = line.TakeWhile(c => c == '#').Count();
        return hashes > 0 && hashes <= level && line.Length > hashes && line[hashes] == ' ';
    }
}
