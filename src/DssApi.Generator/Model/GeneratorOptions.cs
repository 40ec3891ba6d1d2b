namespace DssApi.Generator.Model;

/// <summary>The MSBuild properties that steer generation, read once per compilation.</summary>
internal sealed record GeneratorOptions(string Namespace, bool IsPublic, string? TargetVersion, bool Generate, bool IncludeDefaultSchema)
{
    public const string DefaultSchemaFileName = "dss-api.json";
    public const string SchemaFileSuffix = ".dssapi.json";
}

/// <summary>The text of one schema file.</summary>
internal sealed record SchemaSource(string Path, bool IsDefault, string Text);

/// <summary>One generated file.</summary>
internal sealed record GeneratedSource(string HintName, string Text);
