using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DssApi.Generator.Tests.Support;

/// <summary>MSBuild properties and per-file metadata as the compiler would pass them.</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globalOptions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fileOptions = null)
    : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globalOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new DictionaryOptions(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new DictionaryOptions(fileOptions is not null && fileOptions.TryGetValue(textFile.Path, out var options) ? options : new Dictionary<string, string>());

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
