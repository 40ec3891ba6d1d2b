using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Emit;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;
using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>
/// Thousands of damaged copies of the DSS schema (truncated, tokens swapped or dropped, values of
/// the wrong type): the generator reports diagnostics and never throws.
/// </summary>
public sealed partial class FuzzTests
{
    private static readonly GeneratorOptions Options = new("DssApi", IsPublic: false, TargetVersion: null, Generate: true, IncludeDefaultSchema: true);

    [GeneratedRegex("""("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|(true|false|null)|([{}\[\]:,])""")]
    private static partial Regex TokenPattern();

    [Fact]
    public void Damaged_schemas_give_diagnostics_and_never_an_exception()
    {
        var original = GeneratorHarness.DssSchemaText;
        var tokens = TokenPattern().Matches(original).ToArray();
        var random = new Random(20240611);
        var damagedJson = 0;
        for (var i = 0; i < 2000; i++)
        {
            var damaged = Damage(original, tokens, random);
            var model = Generate(damaged);

            if (!IsJson(damaged))
            {
                damagedJson++;
                Assert.Contains(model.Diagnostics, d => d.Id == DiagnosticDescriptors.MalformedJsonId);
            }
        }

        Assert.True(damagedJson > 100, $"only {damagedJson} mutations broke the JSON itself");
    }

    [Fact]
    public void Wrong_types_in_every_position_give_diagnostics_and_never_an_exception()
    {
        var original = GeneratorHarness.DssSchemaText;
        var strings = TokenPattern().Matches(original).Where(m => m.Groups[1].Success).ToArray();
        string[] replacements = ["42", "true", "null", "[]", "{}", "\"\"", "\"list<\"", "\"{nope}\"", "\"9x\"", "\"class\""];
        var random = new Random(7);
        var withDiagnostics = 0;
        for (var i = 0; i < 1000; i++)
        {
            var target = strings[random.Next(strings.Length)];
            var damaged = original[..target.Index] + replacements[random.Next(replacements.Length)] + original[(target.Index + target.Length)..];

            if (Generate(damaged).Diagnostics.Count > 0)
            {
                withDiagnostics++;
            }
        }

        Assert.True(withDiagnostics > 500, $"only {withDiagnostics} of 1000 wrong-typed schemas were reported");
    }

    [Fact]
    public void Damaged_schemas_through_the_compiler_driver_never_fail_the_generator()
    {
        var original = GeneratorHarness.DssSchemaText;
        var tokens = TokenPattern().Matches(original).ToArray();
        var random = new Random(99);
        var schema = new InMemoryAdditionalText(GeneratorHarness.DefaultSchemaPath, original);
        var run = GeneratorHarness.Run([schema]);
        var driver = run.Driver;
        var current = schema;
        for (var i = 0; i < 60; i++)
        {
            var next = new InMemoryAdditionalText(GeneratorHarness.DefaultSchemaPath, Damage(original, tokens, random));
            driver = driver.ReplaceAdditionalText(current, next);
            current = next;
            driver = driver.RunGenerators(run.Input);
            Assert.Null(driver.GetRunResult().Results.Single().Exception);
        }
    }

    // an item equal to one emitted before gives the same file (items are equatable): emit each once
    private readonly HashSet<EmitItem> _emitted = [];

    /// <summary>The whole generator, minus the compiler: read, merge, emit every file.</summary>
    private ApiModel Generate(string text)
    {
        var document = SchemaReader.Read(GeneratorHarness.DefaultSchemaPath, isDefault: true, text, CancellationToken.None);
        var model = SchemaMerger.Merge(ImmutableArray.Create(document), CancellationToken.None);
        foreach (var item in model.Items.Where(_emitted.Add))
        {
            Assert.NotEmpty(SourceEmitter.Emit(item, Options, CancellationToken.None).Text);
        }

        return model;
    }

    private static string Damage(string text, Match[] tokens, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                return text[..random.Next(text.Length)];
            case 1:
                var a = tokens[random.Next(tokens.Length)];
                var b = tokens[random.Next(tokens.Length)];
                if (a.Index > b.Index)
                {
                    (a, b) = (b, a);
                }

                return a.Index == b.Index
                    ? text
                    : text[..a.Index] + b.Value + text[(a.Index + a.Length)..b.Index] + a.Value + text[(b.Index + b.Length)..];
            case 2:
                var dropped = tokens[random.Next(tokens.Length)];
                return text[..dropped.Index] + text[(dropped.Index + dropped.Length)..];
            case 3:
                var duplicated = tokens[random.Next(tokens.Length)];
                return text[..duplicated.Index] + duplicated.Value + text[duplicated.Index..];
            default:
                var position = random.Next(text.Length);
                const string Noise = "\"{[,:\\\u0001";
                return text[..position] + Noise[random.Next(Noise.Length)] + text[position..];
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
