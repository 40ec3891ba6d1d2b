namespace DssApi.Generator.Model;

/// <summary>The MSBuild properties that steer generation, read once per compilation.</summary>
internal sealed record GeneratorOptions(string Namespace, bool IsPublic, string? TargetVersion, bool Generate, bool IncludeDefaultSchema)
{
    public const string DefaultSchemaFileName = "dss-api.json";
    public const string SchemaFileSuffix = ".dssapi.json";
}
