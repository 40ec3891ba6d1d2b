using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DssApi.Analyzers.Tests.Support;
using DssApi.Generator;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace DssApi.Analyzers.Tests;

/// <summary>
/// Measures every usage rule on the corpus (<c>Corpus/**/*.cs</c>): code written as users write it,
/// where each line a rule must report on carries <c>// expect: DSSxxxx</c>. Each file is compiled
/// with the generated DSS API and run through every analyzer; a report matches an expectation of
/// the same rule on a line its location covers. The per-rule figures go to the test output and,
/// with <c>UPDATE_SNAPSHOTS=1</c>, to <c>docs/diagnostics/README.md</c>, which the test otherwise
/// checks is current.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    private const double RequiredShare = 0.97;

    private const int MinimumSitesPerRule = 15;

    private static readonly string[] Rules = Enumerable.Range(1, 11).Select(n => $"DSS{1000 + n}").ToArray();

    [Fact]
    public async Task Every_rule_reaches_97_percent_precision_and_recall_on_the_corpus()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryFolder.Tests, "Corpus"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var tallies = Rules.ToDictionary(rule => rule, _ => new RuleTally());
        var errors = new List<string>();
        var misses = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(RepositoryFolder.Tests, file).Replace('\\', '/');
            var (expected, reported, fileErrors) = await AnalyzeAsync(name, File.ReadAllText(file));
            errors.AddRange(fileErrors);
            foreach (var rule in Rules)
            {
                Match(name, rule, expected.Where(e => e.Rule == rule).ToList(), reported.Where(r => r.Rule == rule).ToList(), tallies[rule], misses);
            }
        }

        var table = FormatTable(tallies);
        output.WriteLine(table);
        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var thinlyCovered = tallies.Where(rule => rule.Value.TruePositives + rule.Value.FalseNegatives < MinimumSitesPerRule).Select(rule => rule.Key).ToList();
        Assert.True(files.Length >= 60, $"The corpus has {files.Length} files; it must keep at least 60.");
        Assert.True(thinlyCovered.Count == 0, $"Fewer than {MinimumSitesPerRule} expected reports in the corpus for: {string.Join(", ", thinlyCovered)}");
        var belowThreshold = tallies.Where(rule => rule.Value.Precision < RequiredShare || rule.Value.Recall < RequiredShare).Select(rule => rule.Key).ToList();
        Assert.True(belowThreshold.Count == 0, $"Below {RequiredShare:P0} precision or recall: {string.Join(", ", belowThreshold)}\n{table}\n{string.Join("\n", misses)}");
        RepositoryFolder.CheckOrUpdateSection(Path.Combine("docs", "diagnostics", "README.md"), table);
    }

    /// <summary>The expectations written in <paramref name="text"/>, the rules' reports on it, and why it does not compile if it does not.</summary>
    private static async Task<(List<Site> Expected, List<Site> Reported, List<string> Errors)> AnalyzeAsync(string name, string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: name);
        var targetVersion = TargetVersionLine().Match(text) is { Success: true } header ? header.Groups["version"].Value : null;
        // the corpus is written as a library that shares the generated types (DssApiAccessibility public)
        var properties = new Dictionary<string, string> { ["build_property.DssApiAccessibility"] = "public" };
        if (targetVersion is not null)
        {
            properties["build_property.DssApiTargetVersion"] = targetVersion;
        }

        var options = new TestOptionsProvider(properties);
        var compilation = CSharpCompilation.Create(
            "Corpus",
            [tree, ImplicitUsings.Value],
            [.. TestSetup.References, .. HostReferences.Value],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        compilation = compilation.AddSyntaxTrees(GeneratedFor(targetVersion, compilation, options));

        var errors = compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => $"does not compile: {diagnostic}")
            .ToList();

        var analysis = compilation.WithAnalyzers(Analyzers.Value, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], options),
            onAnalyzerException: (exception, analyzer, _) => errors.Add($"{name}: {analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false));
        var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
        errors.AddRange(diagnostics.Where(d => d.Id.StartsWith("AD", StringComparison.Ordinal)).Select(d => $"{name}: {d}"));

        var reported = diagnostics
            .Where(diagnostic => diagnostic.Location.SourceTree == tree && Rules.Contains(diagnostic.Id))
            .Select(diagnostic =>
            {
                var lines = diagnostic.Location.GetLineSpan();
                return new Site(diagnostic.Id, lines.StartLinePosition.Line + 1, lines.EndLinePosition.Line + 1);
            })
            .Distinct()
            .ToList();

        var expected = new List<Site>();
        var sourceLines = tree.GetText().Lines;
        foreach (var line in sourceLines)
        {
            if (Expectation().Match(line.ToString()) is { Success: true } expectation)
            {
                var lineNumber = line.LineNumber + 1;
                expected.AddRange(expectation.Groups["rules"].Value.Split(',').Select(rule => new Site(rule.Trim(), lineNumber, lineNumber)));
            }
        }

        return (expected, reported, errors);
    }

    /// <summary>The generator's output depends only on the MSBuild properties, so it is computed once per target version.</summary>
    private static IEnumerable<SyntaxTree> GeneratedFor(string? targetVersion, Compilation compilation, TestOptionsProvider options)
    {
        var key = targetVersion ?? "";
        if (!GeneratedByTargetVersion.TryGetValue(key, out var trees))
        {
            trees = TestSetup.Generate(compilation.RemoveAllSyntaxTrees(), options).GeneratedTrees;
            GeneratedByTargetVersion[key] = trees;
        }

        return trees;
    }

    private static readonly Dictionary<string, ImmutableArray<SyntaxTree>> GeneratedByTargetVersion = [];

    /// <summary>Pairs each report with an expectation of the same rule on a line the report covers; what is left over is a false positive or a false negative.</summary>
    private static void Match(string file, string rule, List<Site> expected, List<Site> reported, RuleTally tally, List<string> misses)
    {
        foreach (var report in reported.OrderBy(r => r.EndLine - r.StartLine))
        {
            var hit = expected.FirstOrDefault(e => e.StartLine >= report.StartLine && e.StartLine <= report.EndLine);
            if (hit is null)
            {
                tally.FalsePositives++;
                misses.Add($"false positive {rule} at {file}:{report.StartLine}");
                continue;
            }

            expected.Remove(hit);
            tally.TruePositives++;
        }

        foreach (var missed in expected)
        {
            tally.FalseNegatives++;
            misses.Add($"false negative {rule} at {file}:{missed.StartLine}");
        }
    }

    private static string FormatTable(Dictionary<string, RuleTally> tallies)
    {
        var table = new StringBuilder()
            .AppendLine("| Rule | True positives | False positives | False negatives | Precision | Recall |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (rule, tally) in tallies)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| [{rule}]({rule}.md) | {tally.TruePositives} | {tally.FalsePositives} | {tally.FalseNegatives} | {tally.Precision:P1} | {tally.Recall:P1} |");
        }

        return table.ToString();
    }

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(() =>
        [.. typeof(DssApiGenerator).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)]);

    /// <summary>What corpus files written as hosted services, DI registrations and log calls compile against, besides the runtime.</summary>
    private static readonly Lazy<MetadataReference[]> HostReferences = new(() =>
        new[]
        {
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
            typeof(Microsoft.Extensions.Logging.LoggerExtensions).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions).Assembly,
            typeof(Microsoft.Extensions.Hosting.BackgroundService).Assembly,
            typeof(Microsoft.Extensions.Options.IOptions<>).Assembly,
            typeof(Microsoft.Extensions.Configuration.ConfigurationBinder).Assembly,
            typeof(System.Net.Http.IHttpClientFactory).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
        }
        .Distinct()
        .Select(assembly => (MetadataReference)MetadataReference.CreateFromFile(assembly.Location))
        .ToArray());

    /// <summary>The global usings an SDK project with <c>ImplicitUsings</c> gets, as the corpus files assume.</summary>
    private static readonly Lazy<SyntaxTree> ImplicitUsings = new(() => CSharpSyntaxTree.ParseText(
        string.Concat(new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
            .Select(name => $"global using global::{name};\n")),
        new CSharpParseOptions(LanguageVersion.Latest),
        path: "ImplicitUsings.g.cs"));

    [GeneratedRegex(@"//\s*expect:\s*(?<rules>DSS\d{4}(\s*,\s*DSS\d{4})*)")]
    private static partial Regex Expectation();

    [GeneratedRegex(@"^// DssApiTargetVersion: (?<version>\S+)", RegexOptions.Multiline)]
    private static partial Regex TargetVersionLine();

    private sealed record Site(string Rule, int StartLine, int EndLine);

    private sealed class RuleTally
    {
        public int TruePositives { get; set; }

        public int FalsePositives { get; set; }

        public int FalseNegatives { get; set; }

        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    }
}
