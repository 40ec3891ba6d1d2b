namespace DssApi.Generator.Json;

/// <summary>A range of a text file: character offsets plus zero-based line and column of both ends.</summary>
internal readonly record struct TextRange(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);
