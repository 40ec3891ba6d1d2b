using DssApi.Generator.Json;

namespace DssApi.Generator.Model;

/// <summary>Where something was written in a schema file; turned into a compiler location only when reported.</summary>
internal sealed record SourceLocation(string Path, TextRange Range)
{
    /// <summary>"file(line,column)" with one-based numbers, as compilers print positions.</summary>
    public string Display => $"{Path}({Range.StartLine + 1},{Range.StartColumn + 1})";

    /// <summary>"file, line N": the file name without its folder, for the end of a message whose full position the compiler prints before it.</summary>
    public string FileAndLine => $"{Path.Substring(Path.LastIndexOfAny(['/', '\\']) + 1)}, line {Range.StartLine + 1}";
}
