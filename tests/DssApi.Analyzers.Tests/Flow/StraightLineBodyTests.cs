using DssApi.Analyzers.Tests.Support;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Analyzers.Tests.Flow;

/// <summary>
/// Which bodies the flow rules read from their operation tree instead of a control flow graph.
/// The rule tests check that both ways report the same; these check that the cheap way is taken
/// where it can be, and only there.
/// </summary>
public sealed class StraightLineBodyTests
{
    [Fact]
    public void Calls_declarations_and_a_final_return_are_straight_line()
    {
        var body = Read("""
            async Task<int> Run(DssClient client, int n)
            {
                var settings = await client.GetProject("P").GetApiService("s").GetSettingsAsync();
                settings.AddPredictionEndpoint("e", "m");
                await settings.SaveAsync();
                int first = n, unset;
                ;
                return settings.Endpoints.Count + first;
            }
            """);

        Assert.NotNull(body);
        var segment = Assert.Single(body.Segments);
        Assert.Null(segment.Condition);
        Assert.Equal(
            [
                "settings = await client.GetProject(\"P\").GetApiService(\"s\").GetSettingsAsync()",
                "settings.AddPredictionEndpoint(\"e\", \"m\");",
                "await settings.SaveAsync();",
                "first = n",
            ],
            segment.Statements.Select(s => s.Syntax.ToString()));
        Assert.Equal("settings.Endpoints.Count + first", body.Returned!.Syntax.ToString());
        Assert.Equal(["first", "settings", "unset"], body.DeclaredLocals.Select(l => l.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Expression_bodies_are_straight_line()
    {
        var body = Read("""Task Run(DssApiService service) => service.GetSettingsAsync();""");

        Assert.NotNull(body);
        Assert.Empty(Assert.Single(body.Segments).Statements);
        Assert.Equal("service.GetSettingsAsync()", body.Returned!.Syntax.ToString());
    }

    [Fact]
    public void Guards_that_leave_with_constants_split_the_body_into_segments()
    {
        var body = Read("""
            async Task<int> Run(DssApiService service, bool strict)
            {
                var settings = await service.GetSettingsAsync();
                if (settings.Endpoints.Count == 0)
                {
                    throw new InvalidOperationException("no endpoints");
                }

                if (!strict) return -1;
                await settings.SaveAsync();
                return settings.Endpoints.Count;
            }
            """);

        Assert.NotNull(body);
        Assert.Equal(["settings.Endpoints.Count == 0", "!strict", null], body.Segments.Select(s => s.Condition?.Syntax.ToString()));
        Assert.Equal([1, 0, 1], body.Segments.Select(s => s.Statements.Count));
        Assert.Equal("settings.Endpoints.Count", body.Returned!.Syntax.ToString());
    }

    [Fact]
    public void An_if_whose_body_goes_on_ends_a_segment_and_keeps_its_body()
    {
        var body = ReadWithSettings("if (verbose) { settings.Name = \"x\"; var copy = 1; }");

        Assert.NotNull(body);
        Assert.Equal("verbose", body.Segments[0].Condition!.Syntax.ToString());
        Assert.Equal(["settings.Name = \"x\";", "copy = 1"], body.Segments[0].WhenTrue!.Select(s => s.Syntax.ToString()));
        Assert.Null(body.Segments[1].Condition);
        Assert.Contains(body.DeclaredLocals, local => local.Name == "copy");
    }

    [Theory]
    [InlineData("var name = settings.Name ?? \"none\";")]
    [InlineData("var count = verbose ? 1 : 0;")]
    [InlineData("var count = settings.Endpoints.Count + (verbose ? 1 : 0);")]
    public void Conditionals_that_may_skip_only_constants_stay_straight_line(string statement) =>
        Assert.NotNull(ReadWithSettings(statement));

    [Theory]
    [InlineData("if (verbose) { settings.Name = \"x\"; } else { }")]
    [InlineData("if (verbose) { if (settings.Name == null) { } }")]
    [InlineData("for (var i = 0; i < 2; i++) { }")]
    [InlineData("try { await settings.SaveAsync(); } finally { }")]
    [InlineData("{ var inner = 1; }")]
    [InlineData("var name = verbose ? settings.Name : \"\";")]
    [InlineData("var name = settings.Name ?? settings.Id;")]
    [InlineData("var same = settings.Name + (verbose ? \"a\" : \"b\") + settings.Id;")]
    [InlineData("var both = verbose && settings.PublicAccess == true;")]
    [InlineData("var name = settings?.Name;")]
    [InlineData("var list = new List<int> { 1 };")]
    [InlineData("Func<int> f = () => 1;")]
    [InlineData("var parsed = int.TryParse(\"1\", out var value);")]
    [InlineData("var matched = settings is { Name: \"x\" };")]
    [InlineData("using var stream = new MemoryStream();")]
    [InlineData("var n = nameof(settings);")]
    [InlineData("return; Console.WriteLine();")]
    [InlineData("Local(); void Local() { }")]
    [InlineData("if (verbose) { throw new InvalidOperationException(\"x\"); } else { }")]
    [InlineData("if (verbose) throw new InvalidOperationException(settings.Name);")]
    [InlineData("if (verbose) throw new InvalidOperationException($\"{settings.Name}\");")]
    [InlineData("if (verbose) { Console.WriteLine(); return; }")]
    [InlineData("if (true) return;")]
    [InlineData("if (verbose) throw new InvalidOperationException { Source = \"x\" };")]
    public void Anything_that_branches_or_is_rewritten_needs_a_graph(string statement) =>
        Assert.Null(ReadWithSettings(statement));

    [Fact]
    public void Constructors_that_call_another_need_a_graph()
    {
        var tree = CSharpSyntaxTree.ParseText("class C : Base { public C() : base(1) { } } class Base { public Base(int n) { } }");
        var compilation = CSharpCompilation.Create("T", [tree], TestSetup.References);
        var constructor = tree.GetRoot().DescendantNodes().OfType<ConstructorDeclarationSyntax>().First();

        Assert.Null(StraightLineBody.TryRead(compilation.GetSemanticModel(tree).GetOperation(constructor)!));
    }

    private static StraightLineBody? ReadWithSettings(string statement) => Read($$"""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            {{statement}}
        }
        """);

    private static StraightLineBody? Read(string member)
    {
        var tree = CSharpSyntaxTree.ParseText(TestSetup.Code(member));
        var compilation = CSharpCompilation.Create("T", [tree, .. TestSetup.GeneratedTrees], TestSetup.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0161").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Run");
        return StraightLineBody.TryRead(compilation.GetSemanticModel(tree).GetOperation(method)!);
    }
}
