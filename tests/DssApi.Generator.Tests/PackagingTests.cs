namespace DssApi.Generator.Tests;

/// <summary>The generator loads in every compiler host: it references nothing but netstandard and Roslyn.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void The_generator_references_only_netstandard_and_the_compiler()
    {
        var references = typeof(DssApiGenerator).Assembly.GetReferencedAssemblies().Select(a => a.Name).Order().ToList();

        Assert.All(references, name => Assert.True(
            name is "netstandard" or "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp" or "System.Collections.Immutable",
            $"the generator references {name}"));
        Assert.DoesNotContain("System.Text.Json", references);
    }

    [Fact]
    public void The_generator_is_built_against_the_lowest_supported_compiler()
    {
        var roslyn = typeof(DssApiGenerator).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis");

        Assert.Equal(new Version(4, 8, 0, 0), roslyn.Version);
    }
}
