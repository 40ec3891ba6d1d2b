using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>The generated source, file by file, against the committed golden files.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Dss_schema_output_matches_the_snapshots_and_compiles_cleanly()
    {
        var run = GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)]);

        Assert.Empty(run.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        Golden.VerifyAll("Dss", run.Result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void Fixture_schema_output_matches_the_snapshots_and_compiles_cleanly()
    {
        var properties = new Dictionary<string, string>
        {
            ["DssApiNamespace"] = "Fixture.Widgets",
            ["DssApiAccessibility"] = "public",
            ["DssApiTargetVersion"] = "2.0",
        };
        var run = GeneratorHarness.Run([("/project/widgets.dssapi.json", GeneratorHarness.FixtureText("widgets.dssapi.json"))], properties);

        Assert.Empty(run.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(run.Output);
        Golden.VerifyAll("Fixture", run.Result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    /// <summary>Texts that would fit any member, so they tell the reader nothing about this one.</summary>
    private static readonly string[] BoilerplateReturns =
    [
        "The view.", "The value.", "The result.", "The handle.", "The value, or null.", "The computed value.",
        "What DSS answered.", "What DSS answered, as the case expected.", "The response JSON.", "The response text.",
        "The items DSS listed.", "A handle on what was created.", "The added item, which can be edited further.",
        "How many items were removed.", "A new JSON string node.", "The future, to wait for or abort.",
        "The future of the job DSS started, to wait for or abort.", "The handle; nothing is sent to DSS.",
        "One handle per item; nothing is sent to DSS.", "The future of the job, to wait for or abort; nothing is sent to DSS.",
        "A task that completes when DSS has answered.", "A task that completes when DSS has stored the settings.",
        "A task that completes when the file is written whole.", "The JSON document DSS sent, as text and parsed.",
        "The response body, read as it arrives; the caller must dispose it.",
        "The case of the union that the discriminator names, or the union itself for an unknown case.",
    ];

    [Fact]
    public void Every_returns_doc_in_the_snapshots_says_what_its_member_returns()
    {
        var returns = Directory.EnumerateFiles(Golden.Folder(""), "*.g.cs.txt", SearchOption.AllDirectories)
            .SelectMany(file => ReturnsDocs(File.ReadAllText(file)).Select(text => (File: Path.GetFileName(file), Text: text)))
            .ToList();

        Assert.True(returns.Count > 100, $"only {returns.Count} returns docs found");
        var vague = returns.Where(r => r.Text.Length == 0 || BoilerplateReturns.Contains(r.Text)).Select(r => $"{r.File}: \"{r.Text}\"").ToList();
        Assert.True(vague.Count == 0, string.Join(Environment.NewLine, vague));
    }

    /// <summary>The text of every returns element of a generated file's XML docs, on one or several lines.</summary>
    private static IEnumerable<string> ReturnsDocs(string source)
    {
        var docs = string.Join(" ", source.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("///", StringComparison.Ordinal)).Select(line => line[3..].Trim()));
        return System.Text.RegularExpressions.Regex.Matches(docs, "<returns>(.*?)</returns>")
            .Select(match => System.Text.RegularExpressions.Regex.Replace(match.Groups[1].Value, @"\s+", " ").Trim());
    }

    [Fact]
    public void A_missing_snapshot_fails_naming_the_command_that_writes_it()
    {
        var error = Assert.ThrowsAny<Exception>(() => Golden.VerifyAll("Dss", [("NotGenerated.g.cs", "// nothing")], update: false));

        Assert.Contains(Golden.UpdateCommand, error.Message, StringComparison.Ordinal);
    }
}
