namespace DssApi.Generator.Model;

/// <summary>The text of one schema file.</summary>
internal sealed record SchemaSource(string Path, bool IsDefault, string Text);

/// <summary>One generated file.</summary>
internal sealed record GeneratedSource(string HintName, string Text);
