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

    [Fact]
    public void Every_namespace_completion_offers_under_DssApi_holds_a_type_it_shows()
    {
        var consumer = DssRun.Value.Output;
        var dssApi = Assert.Single(consumer.GlobalNamespace.GetNamespaceMembers(), n => n.Name == "DssApi");
        var namespaces = Descendants(dssApi).ToList();

        // An IDE lists a namespace when it holds a type the consumer can reach, even one hidden from completion.
        var listedButEmpty = namespaces
            .Where(ns => AllTypes(ns).Any(type => consumer.IsSymbolAccessibleWithin(type, consumer.Assembly)))
            .Where(ns => !AllTypes(ns).Any(type => consumer.IsSymbolAccessibleWithin(type, consumer.Assembly) && !IsHiddenFromCompletion(type)))
            .Select(ns => ns.ToDisplayString())
            .ToList();

        Assert.Contains(namespaces, ns => ns.Name == "Annotations");
        Assert.Empty(listedButEmpty);
    }

    [Fact]
    public void Public_generated_types_show_no_plumbing_to_other_assemblies()
    {
        var library = GeneratorHarness.Run(
            [(GeneratorHarness.DefaultSchemaPath, GeneratorHarness.DssSchemaText)],
            new Dictionary<string, string> { ["DssApiAccessibility"] = "public" },
            GeneratorHarness.CreateCompilation().WithAssemblyName("DssLibrary")).Output;
        using var image = new MemoryStream();
        // Only errors stop the image: other tests hold the generated code to zero warnings.
        var emitted = library.WithOptions(library.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Default)).Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Take(10)));
        var user = GeneratorHarness.CreateCompilation()
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var generatedTypes = user.GetTypeByMetadataName("DssApi.DssProject")!.ContainingNamespace.GetTypeMembers()
            .Where(type => type.ContainingAssembly.Name == "DssLibrary")
            .ToList();

        var plumbing = generatedTypes
            .SelectMany(type => ShownMembers(type, user))
            .Where(member => member.Name == "Load" || IsConstructorWithParameters(member) || Mentions(member).Any(IsHiddenFromCompletion))
            .Select(member => member.ToDisplayString())
            .ToList();

        Assert.Contains(generatedTypes, type => type.Name == "ApiServiceSettings");
        Assert.Empty(plumbing);
    }

    /// <summary>The members completion shows on a type to code of another assembly, its base types' included.</summary>
    private static IEnumerable<ISymbol> ShownMembers(INamedTypeSymbol type, Compilation user)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers().Where(m => !m.IsImplicitlyDeclared && user.IsSymbolAccessibleWithin(m, user.Assembly, type) && !IsHiddenFromCompletion(m)))
            {
                yield return member;
            }
        }
    }

    /// <summary>Handles come from factories, settings from the routes that read them, views from FromJson: none from a constructor that takes what DSS sent.</summary>
    private static bool IsConstructorWithParameters(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: > 0, ContainingType.TypeKind: TypeKind.Class };

    /// <summary>The types a member's signature names.</summary>
    private static IEnumerable<ITypeSymbol> Mentions(ISymbol member) => member switch
    {
        IMethodSymbol method => method.Parameters.Select(p => p.Type).Append(method.ReturnType),
        IPropertySymbol property => property.Parameters.Select(p => p.Type).Append(property.Type),
        IFieldSymbol field => [field.Type],
        _ => [],
    };

    private static bool IsHiddenFromCompletion(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "EditorBrowsableAttribute"
            && a.ConstructorArguments is [{ Value: (int)System.ComponentModel.EditorBrowsableState.Never }]);

    private static IEnumerable<INamespaceSymbol> Descendants(INamespaceSymbol ns) =>
        ns.GetNamespaceMembers().SelectMany(child => Descendants(child).Prepend(child));

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));

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
