namespace DssApi.Package.Tests;

[Collection(nameof(PackedPackage))]
public class TestingPackageTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public void The_emulator_readme_integration_test_runs_in_a_new_xunit_project_with_only_DssApi_Testing_added()
    {
        var readme = Path.Combine(package.RepositoryRoot, "src", "DssApi.Emulator", "README.md");
        var tests = Assert.Single(Readme.CodeBlocks(readme, "## In your own tests", "csharp"));
        var consumer = new Consumer(package, output, "testing");

        consumer.Succeed("new xunit -o ChurnDeployment.Tests");
        consumer.AddPackage("ChurnDeployment.Tests", "DssApi.Testing");
        consumer.Write("ChurnDeployment.Tests/ChurnServiceTests.cs", tests);
        var run = consumer.Succeed("test", "ChurnDeployment.Tests");

        // The README's two tests and the template's own.
        Assert.Contains("Passed!  - Failed:     0, Passed:     3,", run.Output);
        Assert.DoesNotContain("warning", run.Output);
    }

    [Fact]
    public void The_testing_package_depends_on_the_client_with_its_generator_and_on_the_emulator()
    {
        var nuspec = package.ReadNuspec("DssApi.Testing");
        var dependencies = nuspec.Descendants(nuspec.Root!.Name.Namespace + "dependency")
            .ToDictionary(d => (string)d.Attribute("id")!, d => (string?)d.Attribute("exclude"));

        Assert.Equal(["DssApi", "DssApi.Emulator", "xunit.extensibility.core"], dependencies.Keys.Order());
        // No "Analyzers" excluded: the generated client reaches a project that adds only DssApi.Testing.
        Assert.Null(dependencies["DssApi"]);
    }
}
