using System.Collections.Immutable;
using DssApi.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.Generator.Tests.Support;

/// <summary>Runs the generator the way the compiler does, and checks what it produced.</summary>
internal static class GeneratorHarness
{
    public const string DefaultSchemaPath = "/project/dss-api.json";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static string DssSchemaText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "dss-api.json"));

    public static string MetaSchemaText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "dssapi.schema.json"));

    public static string FixtureText(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static ImmutableArray<MetadataReference> References { get; } =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(DssClient).Assembly.Location),
    ];

    public static CSharpCompilation CreateCompilation(string source = "namespace Consumer; internal static class Program { }", CSharpParseOptions? parseOptions = null) =>
        CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, path: "/project/Program.cs")],
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver CreateDriver(
        IEnumerable<AdditionalText> schemas,
        IReadOnlyDictionary<string, string>? properties = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fileOptions = null,
        CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new DssApiGenerator().AsSourceGenerator()],
            schemas,
            parseOptions ?? ParseOptions,
            new TestOptionsProvider(
                (properties ?? new Dictionary<string, string>()).ToDictionary(p => "build_property." + p.Key, p => p.Value),
                fileOptions),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator, then runs it again on the same input and checks every step was reused.</summary>
    public static GeneratorRun Run(IEnumerable<(string Path, string Text)> schemas, IReadOnlyDictionary<string, string>? properties = null, CSharpCompilation? compilation = null) =>
        Run(schemas.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)), properties, compilation);

    /// <summary>Runs the generator on these schema files (kept, so tests can replace them).</summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> schemas, IReadOnlyDictionary<string, string>? properties = null, CSharpCompilation? compilation = null, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fileOptions = null)
    {
        var driver = CreateDriver(schemas, properties, fileOptions);
        var run = GeneratorRun.Start(driver, compilation ?? CreateCompilation());
        run.AssertRerunIsCached();
        return run;
    }

    /// <summary>Every diagnostic of the compilation with the generated code: none is allowed.</summary>
    public static void AssertCompilesCleanly(Compilation output)
    {
        var problems = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(30)));
    }
}

/// <summary>A generator run, with the driver kept for re-runs.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> diagnostics)
    {
        Driver = driver;
        Input = input;
        Output = output;
        Diagnostics = diagnostics;
    }

    public GeneratorDriver Driver { get; }

    public Compilation Input { get; }

    public Compilation Output { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    public static GeneratorRun Start(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = new GeneratorRun(driver, compilation, output, diagnostics);
        Assert.Null(run.Result.Exception);
        return run;
    }

    /// <summary>Runs again on the same input and checks that every tracked step reused its output and holds no compiler object.</summary>
    public GeneratorRun AssertRerunIsCached()
    {
        var again = Next(Driver, Input);
        IncrementalAssert.AllCached(again.Result);
        IncrementalAssert.NoCompilerObjects(again.Result);
        return again;
    }

    /// <summary>Runs the same driver on another compilation, or after its inputs were replaced.</summary>
    public GeneratorRun Next(GeneratorDriver driver, Compilation compilation) => Start(driver, compilation);

    public IEnumerable<Diagnostic> SchemaDiagnostics => Diagnostics.Where(d => d.Id.StartsWith("DSSG", StringComparison.Ordinal));

    public Diagnostic Single(string id) => Assert.Single(SchemaDiagnostics, d => d.Id == id);

    public static string[] AllIds =>
        typeof(DiagnosticDescriptors).GetFields().Where(f => f.IsLiteral && f.Name.EndsWith("Id", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToArray();
}
