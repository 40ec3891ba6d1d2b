using DssApi.Generator.Json;

namespace DssApi.Generator.Model;

/// <summary>Where something was written in a schema file; turned into a compiler location only when reported.</summary>
internal sealed record SourceLocation(string Path, TextRange Range)
{
    /// <summary>"file(line,column)" with one-based numbers, as compilers print positions.</summary>
    public string Display => $"{Path}({Range.StartLine + 1},{Range.StartColumn + 1})";
}
