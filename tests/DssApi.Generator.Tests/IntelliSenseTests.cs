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

    private static IEnumerable<INamedTypeSymbol> GeneratedTypes(Compilation output) =>
        output.SyntaxTrees
            .Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()
                .Select(declaration => (INamedTypeSymbol)output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!))
            .Where(type => type.ContainingType is null);
}
