using DssApi.Analyzers.Tests.Support;
using DssApi.Generator.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DssApi.Analyzers.Tests.Flow;

/// <summary>
/// Which bodies the flow rules read from their operation tree instead of a control flow graph, and
/// the blocks they get. The rule tests check that both ways report the same; these check that the
/// cheap way is taken where it can be, only there, and that its blocks flow as the graph's would.
/// </summary>
public sealed class StructuredBodyTests
{
    [Fact]
    public void Calls_declarations_and_a_final_return_make_one_block()
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
        Assert.Equal(
            [
                "0: settings = await client.GetProject(\"P\").GetApiService(\"s\").GetSettingsAsync() | settings.AddPredictionEndpoint(\"e\", \"m\"); | await settings.SaveAsync(); | first = n ? settings.Endpoints.Count + first",
            ],
            Describe(body));
        Assert.Equal(["first", "settings", "unset"], body.DeclaredLocals.Select(l => l.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Expression_bodies_are_read()
    {
        var body = Read("""Task Run(DssApiService service) => service.GetSettingsAsync();""");

        Assert.NotNull(body);
        Assert.Equal(["0: ? service.GetSettingsAsync()"], Describe(body));
    }

    [Fact]
    public void Guards_end_a_block_with_their_condition_and_lead_nowhere()
    {
        var body = Read("""
            async Task<int> Run(DssApiService service, bool strict)
            {
                var settings = await service.GetSettingsAsync();
                if (settings.Endpoints.Count == 0)
                {
                    throw new InvalidOperationException(settings.Name);
                }

                if (!strict) return -1;
                await settings.SaveAsync();
                return settings.Endpoints.Count;
            }
            """);

        Assert.NotNull(body);
        Assert.Equal(
            [
                "0: settings = await service.GetSettingsAsync() ? settings.Endpoints.Count == 0 -> 1 if true, 2 if false",
                "1: ? new InvalidOperationException(settings.Name)",
                "2: ? !strict -> 3 if true, 4 if false",
                "3: ? -1",
                "4: await settings.SaveAsync(); ? settings.Endpoints.Count",
            ],
            Describe(body));
    }

    [Fact]
    public void If_else_and_nested_ifs_join_where_they_go_on()
    {
        var body = ReadWithSettings("""
            if (verbose)
            {
                settings.Name = "x";
                var copy = 1;
                if (settings.Endpoints.Count == 0) return;
            }
            else if (settings.Name == null)
            {
                { var inner = 2; }
            }
            else
            {
                throw new InvalidOperationException("no name");
            }

            await settings.SaveAsync();
            """);

        Assert.NotNull(body);
        Assert.Equal(
            [
                "0: settings = await service.GetSettingsAsync() ? verbose -> 1 if true, 4 if false",
                "1: settings.Name = \"x\"; | copy = 1 ? settings.Endpoints.Count == 0 -> 2 if true, 3 if false",
                "2:",
                "3: -> 8",
                "4: ? settings.Name == null -> 5 if true, 6 if false",
                "5: inner = 2 -> 7",
                "6: ? new InvalidOperationException(\"no name\")",
                "7: -> 8",
                "8: await settings.SaveAsync();",
            ],
            Describe(body));
        Assert.Contains(body.DeclaredLocals, local => local.Name == "copy");
        Assert.Contains(body.DeclaredLocals, local => local.Name == "inner");
    }

    [Fact]
    public void Conditions_made_of_and_or_not_give_a_block_to_each_operand()
    {
        var body = ReadWithSettings("""
            if (!(verbose && settings.Name == null) || settings.Endpoints.Count > 1)
            {
                settings.Name = "x";
            }
            """);

        Assert.NotNull(body);
        Assert.Equal(
            [
                "0: settings = await service.GetSettingsAsync() ? verbose -> 1 if true, 3 if false",
                "1: ? settings.Name == null -> 2 if true, 3 if false",
                "2: ? settings.Endpoints.Count > 1 -> 3 if true, 4 if false",
                "3: settings.Name = \"x\"; -> 4",
                "4:",
            ],
            Describe(body));
    }

    [Fact]
    public void Loops_go_back_to_their_test_and_a_foreach_reaches_its_disposal_from_each_of_its_blocks()
    {
        var body = ReadWithSettings("""
            for (var i = 0; i < 2; i++)
            {
                settings.Name = "x";
            }

            foreach (var endpoint in settings.Endpoints)
            {
                if (verbose) return;
            }
            """);

        Assert.NotNull(body);
        Assert.Equal(
            [
                "0: settings = await service.GetSettingsAsync() | i = 0 -> 1",
                "1: ? i < 2 -> 2 if true, 3 if false",
                "2: settings.Name = \"x\"; | i++ -> 1",
                "3: ? settings.Endpoints -> 4",
                "4: -> 5, 8",
                "5: ? verbose -> 6 if true, 7 if false, 8",
                "6: -> 8",
                "7: -> 4, 8",
                "8: (finally) -> 9",
                "9:",
            ],
            Describe(body));
        Assert.Contains(body.DeclaredLocals, local => local.Name == "i");
        Assert.Contains(body.DeclaredLocals, local => local.Name == "endpoint");
    }

    [Fact]
    public void While_and_do_while_test_their_condition_before_and_after_the_body()
    {
        var body = ReadWithSettings("""
            while (verbose && settings.Name == null)
            {
                settings.Name = "x";
            }

            do
            {
                settings.Description = "y";
            }
            while (verbose);
            """);

        Assert.NotNull(body);
        Assert.Equal(
            [
                "0: settings = await service.GetSettingsAsync() -> 1",
                "1: ? verbose -> 2 if true, 4 if false",
                "2: ? settings.Name == null -> 3 if true, 4 if false",
                "3: settings.Name = \"x\"; -> 1",
                "4: -> 5",
                "5: settings.Description = \"y\"; ? verbose -> 5 if true, 6 if false",
                "6:",
            ],
            Describe(body));
    }

    [Theory]
    [InlineData("var name = settings.Name ?? \"none\";")]
    [InlineData("var count = verbose ? 1 : 0;")]
    [InlineData("var count = settings.Endpoints.Count + (verbose ? 1 : 0);")]
    [InlineData("if (verbose) throw new InvalidOperationException($\"{settings.Name}\");")]
    [InlineData("if (verbose) { } else { }")]
    public void Conditionals_that_may_skip_only_constants_and_empty_branches_are_read(string statement) =>
        Assert.NotNull(ReadWithSettings(statement));

    [Theory]
    [InlineData("while (verbose) { break; }")]
    [InlineData("for (var i = 0; i < 2; i++) { continue; }")]
    [InlineData("while (true) { }")]
    [InlineData("var endpoints = settings.Endpoints; foreach (var endpoint in endpoints) { }")]
    [InlineData("var endpoints = settings.Endpoints; foreach (var endpoint in (IEnumerable<object>)endpoints) { }")]
    [InlineData("foreach (var (key, value) in new Dictionary<string, int>()) { }")]
    [InlineData("await foreach (var item in AsyncItems()) { } static async IAsyncEnumerable<int> AsyncItems() { await Task.Yield(); yield return 1; }")]
    [InlineData("try { await settings.SaveAsync(); } finally { }")]
    [InlineData("switch (settings.Name) { case \"x\": break; }")]
    [InlineData("var name = verbose ? settings.Name : \"\";")]
    [InlineData("var name = settings.Name ?? settings.Id;")]
    [InlineData("var same = settings.Name + (verbose ? \"a\" : \"b\") + settings.Id;")]
    [InlineData("var both = verbose && settings.PublicAccess == true;")]
    [InlineData("var name = settings?.Name;")]
    [InlineData("var list = new List<int> { 1 };")]
    [InlineData("Func<int> f = () => 1;")]
    [InlineData("var parsed = int.TryParse(\"1\", out var value);")]
    [InlineData("var matched = settings is { Name: \"x\" };")]
    [InlineData("if (settings is { Name: \"x\" }) { }")]
    [InlineData("using var stream = new MemoryStream();")]
    [InlineData("var n = nameof(settings);")]
    [InlineData("return; Console.WriteLine();")]
    [InlineData("if (verbose) { return; } else { return; } Console.WriteLine();")]
    [InlineData("Local(); void Local() { }")]
    [InlineData("if (true) return;")]
    [InlineData("if (verbose) { } else { try { } finally { } }")]
    [InlineData("if (verbose) throw new InvalidOperationException { Source = \"x\" };")]
    public void Anything_that_jumps_or_is_rewritten_needs_a_graph(string statement) =>
        Assert.Null(ReadWithSettings(statement));

    [Fact]
    public void Constructors_that_call_another_need_a_graph()
    {
        var tree = CSharpSyntaxTree.ParseText("class C : Base { public C() : base(1) { } } class Base { public Base(int n) { } }");
        var compilation = CSharpCompilation.Create("T", [tree], TestSetup.References);
        var constructor = tree.GetRoot().DescendantNodes().OfType<ConstructorDeclarationSyntax>().First();

        Assert.Null(StructuredBody.TryRead(compilation.GetSemanticModel(tree).GetOperation(constructor)!));
    }

    private static StructuredBody? ReadWithSettings(string statement) => Read($$"""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            {{statement}}
        }
        """);

    private static StructuredBody? Read(string member)
    {
        var tree = CSharpSyntaxTree.ParseText(TestSetup.Code(member));
        var compilation = CSharpCompilation.Create("T", [tree, .. TestSetup.GeneratedTrees], TestSetup.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0161").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Run");
        return StructuredBody.TryRead(compilation.GetSemanticModel(tree).GetOperation(method)!);
    }

    /// <summary>One line per block: its ordinal, whether it stands for a finally, its statements, its branch value after "?", its successors after "->".</summary>
    private static List<string> Describe(StructuredBody body) =>
        body.Blocks.Select((block, ordinal) =>
        {
            var line = $"{ordinal}:";
            if (block.IsHandlerEntry)
            {
                line += " (finally)";
            }

            if (block.Statements.Count > 0)
            {
                line += " " + string.Join(" | ", block.Statements.Select(s => s.Syntax.ToString()));
            }

            if (block.BranchValue is { } branch)
            {
                line += " ? " + branch.Syntax;
            }

            if (block.Successors.Count > 0)
            {
                line += " -> " + string.Join(", ", block.Successors.Select(e => e.Target + e.ConditionHolds switch { true => " if true", false => " if false", null => "" }));
            }

            return line;
        }).ToList();
}
