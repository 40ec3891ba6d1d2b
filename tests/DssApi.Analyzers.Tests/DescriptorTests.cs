using System.Reflection;
using DssApi.CodeFixes;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using DssApi.TestSupport;

namespace DssApi.Analyzers.Tests;

public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(AnalyzerDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    private static readonly DiagnosticAnalyzer[] Analyzers = typeof(DssAnalyzer).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DssAnalyzer)) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    [Fact]
    public void Every_help_link_points_at_an_existing_page()
    {
        var docs = Path.Combine(TestRepository.Root, "docs", "diagnostics");
        Assert.Equal(13, Descriptors.Length);
        Assert.All(Descriptors, descriptor =>
        {
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(docs, descriptor.Id + ".md")), $"{descriptor.Id}: no page at docs/diagnostics/{descriptor.Id}.md");
        });
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer_and_listed_as_a_release()
    {
        var releases = File.ReadAllText(Path.Combine(TestRepository.Root, "src", "DssApi.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.All(Descriptors, descriptor =>
        {
            Assert.Single(Analyzers, a => a.SupportedDiagnostics.Any(d => d.Id == descriptor.Id));
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_descriptor_reads_its_title_message_and_description_from_the_resources()
    {
        Assert.All(Descriptors, descriptor =>
        {
            Assert.IsType<LocalizableResourceString>(descriptor.Title);
            Assert.IsType<LocalizableResourceString>(descriptor.MessageFormat);
            Assert.IsType<LocalizableResourceString>(descriptor.Description);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), descriptor.Id + ": no title");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), descriptor.Id + ": no message");
            Assert.True(descriptor.Description.ToString().Length > descriptor.Title.ToString().Length, descriptor.Id + ": no description");
        });
    }

    [Fact]
    public void Every_rule_shows_in_a_build()
    {
        Assert.All(Descriptors, descriptor => Assert.True(descriptor.DefaultSeverity >= DiagnosticSeverity.Warning, $"{descriptor.Id} is {descriptor.DefaultSeverity}"));
    }

    [Fact]
    public void Useless_saves_and_ignored_arguments_are_marked_unnecessary()
    {
        var unnecessary = Descriptors.Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.Unnecessary)).Select(d => d.Id);
        Assert.Equal([AnalyzerDescriptors.SaveWithoutChangesId, AnalyzerDescriptors.IgnoredArgumentId], unnecessary.Order());
    }

    [Fact]
    public void Every_fix_names_a_descriptor_and_fixes_all()
    {
        var fixes = typeof(RemoveSaveCodeFix).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CodeFixProvider)) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.Equal(11, fixes.Count);
        Assert.All(fixes, fix =>
        {
            Assert.Contains(Descriptors, d => fix.FixableDiagnosticIds.Contains(d.Id));
            Assert.Same(WellKnownFixAllProviders.BatchFixer, fix.GetFixAllProvider());
        });
    }
}
