using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Model;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Schema;

/// <summary>
/// Joins the schema files into one API: a later file extends what an earlier one declared (new
/// enum values, fields, cases, mutators, routes) but may not change it. Then every reference is
/// checked; a member that refers to something missing is reported and left out, so the emitter
/// only ever sees a consistent model.
/// </summary>
internal sealed partial class SchemaMerger
{
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly Dictionary<string, EnumDef> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectDef> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandleDef> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeReference> _types = new(StringComparer.Ordinal);
    private SlowRouteTimeout? _slowRouteTimeout;

    private SchemaMerger() =>
        _typeNames.Add(SecretFieldCatalogItem.TypeName, new SourceLocation(Emit.SourceEmitter.ToolName, default));

    public static ApiModel Merge(ImmutableArray<SchemaDocument> documents, CancellationToken cancellationToken)
    {
        var merger = new SchemaMerger();

        // the default schema first, then the user's files by path: the order decides what "later" means
        foreach (var document in documents.OrderBy(d => d.IsDefault ? 0 : 1).ThenBy(d => d.Path, StringComparer.Ordinal))
        {
            merger._diagnostics.AddRange(document.Diagnostics);
            merger.Add(document);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var items = merger.Resolve(cancellationToken);
        return new ApiModel(items.ToEquatableArray(), merger._diagnostics.ToEquatableArray());
    }

    private void Report(DiagnosticDescriptor descriptor, SourceLocation location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private List<EmitItem> Resolve(CancellationToken cancellationToken)
    {
        foreach (var definition in _objects.Values)
        {
            foreach (var unionCase in definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty)
            {
                ClaimTypeName(unionCase.Name, unionCase.Location);
            }
        }

        RegisterTypes();
        var items = new List<EmitItem>();
        foreach (var definition in _enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var taken = new HashSet<string>(EnumMembers.Append(definition.Name), StringComparer.Ordinal);
            items.Add(new EnumItem(definition with { Values = UniqueMembers(definition.Values, v => v.Name, v => v.Location, taken) }));
        }

        foreach (var definition in _objects.Values.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            items.AddRange(ResolveObject(definition));
        }

        foreach (var definition in _handles.Values.OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            items.Add(ResolveHandle(definition));
        }

        if (SecretFieldCatalog() is { } catalog)
        {
            items.Add(catalog);
        }

        return items;
    }

    private void RegisterTypes()
    {
        foreach (var definition in _enums.Values)
        {
            _types[definition.Name] = new TypeReference(definition.Name, TypeCategory.Enum, false, EquatableArray<string>.Empty, null, EquatableArray<CaseRef>.Empty, HoldsSecrets: false, definition.Description);
        }

        var holdingSecrets = TypesHoldingSecrets();
        foreach (var definition in _objects.Values)
        {
            var category = definition.Save is null ? TypeCategory.View : TypeCategory.Saved;
            var identity = definition.Identity.Select(p => p.Name).ToEquatableArray();
            var cases = (definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty).Select(c => new CaseRef(c.Wire, c.Name, c.Description)).ToEquatableArray();
            _types[definition.Name] = new TypeReference(definition.Name, category, definition.Editable, identity, definition.Union?.Discriminator, cases, holdingSecrets.Contains(definition.Name), definition.Description);
            foreach (var unionCase in definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty)
            {
                if (!_types.ContainsKey(unionCase.Name))
                {
                    _types[unionCase.Name] = new TypeReference(unionCase.Name, category, definition.Editable, identity, null, EquatableArray<CaseRef>.Empty, holdingSecrets.Contains(unionCase.Name), unionCase.Description);
                }
            }
        }

        foreach (var definition in _handles.Values.Where(h => !h.IsClient))
        {
            _types[definition.Name] = new TypeReference(definition.Name, TypeCategory.Handle, false, definition.Identity.Select(p => p.Name).ToEquatableArray(), null, EquatableArray<CaseRef>.Empty, HoldsSecrets: false, definition.Description);
        }
    }

    /// <summary>The objects and union cases that have a secret field, or hold (in a field, list or map) an object that has one.</summary>
    private HashSet<string> TypesHoldingSecrets()
    {
        var holding = new HashSet<string>(StringComparer.Ordinal);
        bool Holds(EquatableArray<FieldDef> fields) => fields.Any(f => f.Secret || holding.Contains(HeldType(f.Type)));

        // to a fixed point, as objects may hold each other
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var definition in _objects.Values)
            {
                var cases = definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty;
                foreach (var unionCase in cases)
                {
                    grew |= Holds(unionCase.Fields) && holding.Add(unionCase.Name);
                }

                grew |= (Holds(definition.Fields) || cases.Any(c => holding.Contains(c.Name))) && holding.Add(definition.Name);
            }
        }

        return holding;
    }

    private static string HeldType(string type) => TypeName.IsList(type, out var element) || TypeName.IsMap(type, out element) ? element : type;

    // members every generated object, enum or handle already has
    private static readonly string[] ObjectMembers = ["GetRaw", "ToString", "FromJson", "Equals", "GetHashCode", "GetType", "HasChanges", "SaveAsync", "Client", "RedactSecrets", "RedactSecretsOf"];
    private static readonly string[] EnumMembers = ["Value", "IsKnown", "FromJson", "ToJson", "Equals", "GetHashCode", "GetType", "ToString"];

    /// <summary>Keeps the members whose C# names are free; reports the others as duplicates.</summary>
    private EquatableArray<T> UniqueMembers<T>(EquatableArray<T> members, Func<T, string> name, Func<T, SourceLocation> location, HashSet<string> taken)
        where T : IEquatable<T> =>
        members.Where(member =>
        {
            if (taken.Add(name(member)))
            {
                return true;
            }

            Report(DiagnosticDescriptors.DuplicateName, location(member), "the member", name(member));
            return false;
        }).ToEquatableArray();
}
