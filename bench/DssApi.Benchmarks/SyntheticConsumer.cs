using System.Diagnostics.CodeAnalysis;
using System.Text;
using DssApi.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DssApi.Benchmarks;

/// <summary>
/// The consumer of bench/generator-timing.sh held in memory: C# files that use the generated
/// client, the real DSS schema as an additional text, and a driver running the DssApi generator
/// as the compiler does.
/// </summary>
internal static class SyntheticConsumer
{
    public const string SchemaPath = "/consumer/dss-api.json";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static AdditionalText Schema { get; } = new SchemaText(SchemaPath, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "dss-api.json")));

    /// <summary>The schema with one type's description edited, as a user editing the file would.</summary>
    public static AdditionalText EditedSchema()
    {
        const string Original = "\"description\": \"A lifecycle stage that infrastructures belong to (development, production, ...).\"";
        var text = Schema.GetText()!.ToString();
        return text.Contains(Original, StringComparison.Ordinal)
            ? new SchemaText(SchemaPath, text.Replace(Original, "\"description\": \"A lifecycle stage of infrastructures.\"", StringComparison.Ordinal))
            : throw new InvalidOperationException("The schema no longer holds the description the edit replaces.");
    }

    public static CSharpCompilation Create(int files, BodyShape shape = BodyShape.Straight)
    {
        var trees = Enumerable.Range(1, files)
            .Select(i => CSharpSyntaxTree.ParseText(Use(i, shape), ParseOptions, path: $"/consumer/Use{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText("global using System;\nglobal using System.Threading.Tasks;", ParseOptions, path: "/consumer/Usings.cs"));
        return CSharpCompilation.Create(
            "Consumer",
            trees,
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(DssClient).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The compilation with one file's body edited: what typing in the IDE hands the generator.</summary>
    public static CSharpCompilation EditOneFile(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.First();
        var edited = CSharpSyntaxTree.ParseText(tree.GetText().ToString().Replace("return settings.Endpoints.Count", "return 1 + settings.Endpoints.Count", StringComparison.Ordinal), ParseOptions, tree.FilePath);
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    /// <summary>A driver over the schema, or over <paramref name="additionalTexts"/> when given.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additionalTexts = null) =>
        CSharpGeneratorDriver.Create(
            [new DssApiGenerator().AsSourceGenerator()],
            additionalTexts ?? [Schema],
            ParseOptions,
            EmptyOptionsProvider.Instance,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None));

    /// <summary>The same code as bench/generator-timing.sh writes, so the two measure the same thing.</summary>
    private static string Use(int i, BodyShape shape) => $$"""
        using DssApi;

        namespace Consumer;

        internal static class Use{{i}}
        {
            public static async Task<int> RunAsync(DssClient client)
            {
                var settings = await client.GetProject("P{{i}}").GetApiService("service{{i}}").GetSettingsAsync();
                settings.AddPredictionEndpoint("endpoint{{i}}", "model{{i}}");
                await settings.SaveAsync();
                var deployment = client.GetApiDeployer().GetDeployment("deployment{{i}}");
                var update = await deployment.StartUpdateAsync();
                await update.WaitForCompletionAsync();
                var status = await deployment.GetStatusAsync();
        {{HealthCheck(shape)}}
            }
        }
        """;

    /// <summary>The end of a body, in the shapes of the script's options (none, --branching, --loops).</summary>
    private static string HealthCheck(BodyShape shape) => shape switch
    {
        BodyShape.Branching => """
                    if (status.Heavy.Health != DeploymentHealth.Healthy)
                    {
                        Console.WriteLine($"unhealthy: {status.Heavy.Health}");
                    }
                    else
                    {
                        Console.WriteLine("healthy");
                    }

                    return settings.Endpoints.Count;
            """,
        BodyShape.Loops => """
                    foreach (var endpoint in settings.Endpoints)
                    {
                        Console.WriteLine(endpoint);
                    }

                    return settings.Endpoints.Count + (status.Heavy.Health == DeploymentHealth.Healthy ? 1 : 0);
            """,
        _ => """
                    return settings.Endpoints.Count + (status.Heavy.Health == DeploymentHealth.Healthy ? 1 : 0);
            """,
    };

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>No MSBuild property set: the generator's defaults, as in the timing script's consumer.</summary>
    private sealed class EmptyOptionsProvider : AnalyzerConfigOptionsProvider
    {
        public static readonly EmptyOptionsProvider Instance = new();

        public override AnalyzerConfigOptions GlobalOptions => EmptyOptions.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => EmptyOptions.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => EmptyOptions.Instance;
    }

    private sealed class EmptyOptions : AnalyzerConfigOptions
    {
        public static readonly EmptyOptions Instance = new();

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }
    }
}

/// <summary>What each body of the synthetic consumer does after its deployment: bench/generator-timing.sh's shapes.</summary>
public enum BodyShape
{
    /// <summary>Straight-line: returns a sum (the script's default).</summary>
    Straight,

    /// <summary>Logs the deployment's health in an <c>if</c>/<c>else</c> (<c>--branching</c>).</summary>
    Branching,

    /// <summary>Logs the service's endpoints in a <c>foreach</c> (<c>--loops</c>).</summary>
    Loops,
}
