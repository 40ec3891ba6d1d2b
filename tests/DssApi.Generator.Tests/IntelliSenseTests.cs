using System.Reflection;
using DssApi.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Tests;

/// <summary>What tooltips, completion and coverage tools see of the generated types.</summary>
public sealed class IntelliSenseTests
{
    private static readonly Lazy<GeneratorRun> DssRun = new(() => GeneratorHarness.Run([(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)]));

    [Fact]
    public void Generated_types_carry_the_package_version_and_are_left_out_of_code_coverage()
    {
        var packageVersion = typeof(DssClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var generatedTypes = GeneratedTypes(DssRun.Value.Output).ToList();

        Assert.NotEmpty(generatedTypes);
        Assert.All(generatedTypes, type =>
        {
            var attributes = type.GetAttributes();
            var generatedCode = Assert.Single(attributes, a => a.AttributeClass?.Name == "GeneratedCodeAttribute");
            Assert.Equal(["DssApi.Generator", packageVersion], generatedCode.ConstructorArguments.Select(a => (string?)a.Value));
            Assert.Contains(attributes, a => a.AttributeClass?.Name == "ExcludeFromCodeCoverageAttribute");
        });
    }

    [Theory]
    [InlineData("DeploymentSettings", "AuthorizationsToQueryThroughDeployer", "Which groups may query through the deployer. Requires DSS 14.1 or later.")]
    [InlineData("DssApiDeployerDeployment", "RunTestQueriesAsync", "Requires DSS 13.0 or later.")]
    [InlineData("EndpointType", "StandardCausalPrediction", "Predicts treatment effects with a saved causal model. Requires DSS 12.4 or later.")]
    public void Members_that_need_a_newer_dss_say_which_in_their_summary(string type, string member, string summary) =>
        Assert.EndsWith(summary, Summary(type, member), StringComparison.Ordinal);

    [Fact]
    public void Members_every_dss_has_do_not_name_a_version() =>
        Assert.DoesNotContain("Requires DSS", Summary("DeploymentSettings", "Enabled"), StringComparison.Ordinal);

    [Fact]
    public void Settings_types_show_no_plumbing_in_completion()
    {
        var settingsTypes = GeneratedTypes(DssRun.Value.Output).Where(type => type.BaseType?.Name == "DssSettings" || type.BaseType?.BaseType?.Name == "DssSettings").ToList();

        Assert.Contains(settingsTypes, type => type.Name == "InfraSettings");
        Assert.All(settingsTypes, type => Assert.Empty(type.GetMembers("Load")));
    }

    private static string Summary(string type, string member)
    {
        var symbol = DssRun.Value.Output.GetTypeByMetadataName("DssApi." + type)!.GetMembers(member).First();
        var xml = symbol.GetDocumentationCommentXml()!;
        return System.Xml.Linq.XElement.Parse(xml).Element("summary")!.Value.Trim();
    }

    private static IEnumerable<INamedTypeSymbol> GeneratedTypes(Compilation output) =>
        output.SyntaxTrees
            .Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()
                .Select(declaration => (INamedTypeSymbol)output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!))
            .Where(type => type.ContainingType is null);
}
