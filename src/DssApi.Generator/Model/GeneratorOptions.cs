namespace DssApi.Generator.Model;

/// <summary>The MSBuild properties that steer generation, read once per compilation.</summary>
internal sealed record GeneratorOptions(string Namespace, bool IsPublic, string? TargetVersion, bool Generate, bool IncludeDefaultSchema)
{
    public const string DefaultNamespace = "DssApi";

    public const string DefaultSchemaFileName = "dss-api.json";
    public const string SchemaFileSuffix = ".dssapi.json";
}

/// <summary>An MSBuild property whose value the generator cannot use: the diagnostic id and the value.</summary>
internal sealed record ConfigurationProblem(string Id, string Value);

/// <summary>The options as read, with the properties that had to be ignored.</summary>
internal sealed record ConfiguredOptions(GeneratorOptions Options, EquatableArray<ConfigurationProblem> Problems);
