using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Schema;

/// <summary>
/// Reads one schema file into a <see cref="SchemaDocument"/>. Each construct is checked for its
/// own shape here; what needs every file at once (type references, extensions) is checked on merge.
/// </summary>
internal sealed partial class SchemaReader
{
    private static readonly string[] TopLevelKeys = ["$schema", "description", "slowRouteTimeoutSeconds", "enums", "records", "settings", "unions", "handles", "clients"];

    /// <summary>The runtime clients a schema may add members to.</summary>
    public static readonly string[] ClientNames = ["DssClient", "DssApiNodeClient"];

    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly List<EnumDef> _enums = [];
    private readonly List<ObjectDef> _objects = [];
    private readonly List<HandleDef> _handles = [];
    private SlowRouteTimeout? _slowRouteTimeout;

    private SchemaReader(string path) => _path = path;

    public static SchemaDocument Read(string path, bool isDefault, string text, CancellationToken cancellationToken)
    {
        var reader = new SchemaReader(path);
        var parsed = JsonParser.Parse(text);
        if (parsed.Root is null)
        {
            reader.Report(DiagnosticDescriptors.MalformedJson, parsed.ErrorRange, parsed.Error ?? "unreadable");
        }
        else
        {
            reader.ReadRoot(parsed.Root, cancellationToken);
        }

        return new SchemaDocument(
            path,
            isDefault,
            reader._enums.ToEquatableArray(),
            reader._objects.ToEquatableArray(),
            reader._handles.ToEquatableArray(),
            reader._slowRouteTimeout,
            reader._diagnostics.ToEquatableArray());
    }

    private SourceLocation At(TextRange range) => new(_path, range);

    private void Report(DiagnosticDescriptor descriptor, TextRange range, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, At(range), arguments));

    private void ReadRoot(JsonSyntax root, CancellationToken cancellationToken)
    {
        if (AsObject(root, "a schema file") is not { } file)
        {
            return;
        }

        var sections = Properties(file, "a schema file", TopLevelKeys);
        if (sections.TryGetValue("slowRouteTimeoutSeconds", out var slowTimeout))
        {
            _slowRouteTimeout = ReadSlowRouteTimeout(slowTimeout);
        }

        ForEachEntry(sections, "enums", (name, range, value) => ReadEnum(name, range, value));
        cancellationToken.ThrowIfCancellationRequested();
        ForEachEntry(sections, "records", (name, range, value) => ReadObject(name, range, value, ObjectKind.Record));
        ForEachEntry(sections, "settings", (name, range, value) => ReadObject(name, range, value, ObjectKind.Settings));
        ForEachEntry(sections, "unions", (name, range, value) => ReadObject(name, range, value, ObjectKind.Union));
        cancellationToken.ThrowIfCancellationRequested();
        ForEachEntry(sections, "handles", (name, range, value) => ReadHandle(name, range, value, isClient: false));
        ForEachEntry(sections, "clients", (name, range, value) => ReadHandle(name, range, value, isClient: true));
    }

    private void ForEachEntry(Dictionary<string, JsonPropertySyntax> sections, string section, System.Action<string, TextRange, JsonSyntax> read)
    {
        if (!sections.TryGetValue(section, out var property) || AsObject(property.Value, $"'{section}'") is not { } entries)
        {
            return;
        }

        foreach (var entry in Entries(entries, $"'{section}'"))
        {
            if (CheckIdentifier(entry.Key, entry.KeyRange))
            {
                read(entry.Key, entry.KeyRange, entry.Value);
            }
        }
    }
}
