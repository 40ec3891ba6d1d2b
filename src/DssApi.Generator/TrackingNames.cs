namespace DssApi.Generator;

/// <summary>Names of the pipeline steps, so tests can check what each step reused.</summary>
public static class TrackingNames
{
    public const string Configuration = "DssApi.Configuration";
    public const string Options = "DssApi.Options";
    public const string ConfigurationProblems = "DssApi.ConfigurationProblems";
    public const string LanguageVersion = "DssApi.LanguageVersion";
    public const string SchemaSources = "DssApi.SchemaSources";
    public const string Documents = "DssApi.Documents";
    public const string Model = "DssApi.Model";
    public const string Diagnostics = "DssApi.Diagnostics";
    public const string Items = "DssApi.Items";
    public const string Sources = "DssApi.Sources";
    public const string OpenApiSources = "DssApi.OpenApi.Sources";
    public const string OpenApiClients = "DssApi.OpenApi.Clients";
    public const string OpenApiGenerated = "DssApi.OpenApi.Generated";
}
