using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Model;
using static DssApi.Generator.Schema.SchemaReader;
using Microsoft.CodeAnalysis;

namespace DssApi.Generator.Schema;

// How a later schema file extends what an earlier one declared.
internal sealed partial class SchemaMerger
{
    private void Add(SchemaDocument document)
    {
        if (document.SlowRouteTimeout is { } slowRouteTimeout)
        {
            if (_slowRouteTimeout is null)
            {
                _slowRouteTimeout = slowRouteTimeout;
            }
            else if (_slowRouteTimeout.Seconds != slowRouteTimeout.Seconds)
            {
                Report(DiagnosticDescriptors.ConflictingExtension, slowRouteTimeout.Location, "the schema setting", "slowRouteTimeoutSeconds", _slowRouteTimeout.Location.Display);
            }
        }

        foreach (var definition in document.Enums)
        {
            if (_enums.TryGetValue(definition.Name, out var existing))
            {
                _enums[definition.Name] = existing with { Values = MergeByKey(existing.Values, definition.Values, v => v.Wire, v => v.Fingerprint, v => v.Location, "enum value") };
            }
            else if (ClaimTypeName(definition.Name, definition.Location))
            {
                _enums.Add(definition.Name, definition);
            }
        }

        foreach (var definition in document.Objects)
        {
            if (_objects.TryGetValue(definition.Name, out var existing) && existing.Kind == definition.Kind)
            {
                _objects[definition.Name] = Extend(existing, definition);
            }
            else if (ClaimTypeName(definition.Name, definition.Location))
            {
                _objects.Add(definition.Name, definition);
            }
        }

        foreach (var definition in document.Handles)
        {
            if (_handles.TryGetValue(definition.Name, out var existing))
            {
                _handles[definition.Name] = Extend(existing, definition);
            }
            else if (definition.IsClient || ClaimTypeName(definition.Name, definition.Location))
            {
                _handles.Add(definition.Name, definition);
            }
        }
    }

    private bool ClaimTypeName(string name, SourceLocation location)
    {
        if (_typeNames.ContainsKey(name))
        {
            Report(DiagnosticDescriptors.DuplicateName, location, "the type", name);
            return false;
        }

        _typeNames.Add(name, location);
        return true;
    }

    private ObjectDef Extend(ObjectDef existing, ObjectDef extension)
    {
        if (extension.Identity.Count > 0 && existing.Identity.Count > 0 && !SameParams(existing.Identity, extension.Identity))
        {
            Report(DiagnosticDescriptors.ConflictingExtension, extension.Location, "the identity of", extension.Name, existing.Location.Display);
        }

        var save = existing.Save;
        if (extension.Save is { } extensionSave)
        {
            if (save is not null && save.Fingerprint != extensionSave.Fingerprint)
            {
                Report(DiagnosticDescriptors.ConflictingExtension, extensionSave.Location, "the save route of", extension.Name, save.Location.Display);
            }
            else
            {
                save = extensionSave;
            }
        }

        var union = existing.Union;
        if (union is not null && extension.Union is { } extensionUnion)
        {
            if (extensionUnion.Discriminator != union.Discriminator || extensionUnion.DiscriminatorType != union.DiscriminatorType)
            {
                Report(DiagnosticDescriptors.ConflictingExtension, extension.Location, "the discriminator of", extension.Name, existing.Location.Display);
            }

            union = union with { Cases = MergeByKey(union.Cases, extensionUnion.Cases, c => c.Wire, c => c.Fingerprint, c => c.Location, "union case") };
        }

        return existing with
        {
            Description = existing.Description ?? extension.Description,
            Fields = MergeByKey(existing.Fields, extension.Fields, f => f.Wire, f => f.Fingerprint, f => f.Location, "field"),
            Mutators = MergeByKey(existing.Mutators, extension.Mutators, m => m.Name, m => m.Fingerprint, m => m.Location, "mutator"),
            Computed = MergeByKey(existing.Computed, extension.Computed, c => c.Name, c => c.Fingerprint, c => c.Location, "computed member"),
            Identity = existing.Identity.Count > 0 ? existing.Identity : extension.Identity,
            Save = save,
            Union = union,
        };
    }

    private HandleDef Extend(HandleDef existing, HandleDef extension)
    {
        if (extension.Identity.Count > 0 && !SameParams(existing.Identity, extension.Identity))
        {
            Report(DiagnosticDescriptors.ConflictingExtension, extension.Location, "the identity of", extension.Name, existing.Location.Display);
        }

        return existing with
        {
            Description = existing.Description ?? extension.Description,
            Factories = MergeByKey(existing.Factories, extension.Factories, f => f.Name, f => f.Fingerprint, f => f.Location, "factory"),
            Routes = MergeByKey(existing.Routes, extension.Routes, r => r.Name, r => r.Fingerprint, r => r.Location, "route"),
        };
    }

    private static bool SameParams(EquatableArray<ParamDef> left, EquatableArray<ParamDef> right) =>
        left.Select(p => p.Name + ":" + p.Type).SequenceEqual(right.Select(p => p.Name + ":" + p.Type));

    private EquatableArray<T> MergeByKey<T>(
        EquatableArray<T> existing,
        EquatableArray<T> additions,
        Func<T, string> key,
        Func<T, string> fingerprint,
        Func<T, SourceLocation> location,
        string what)
        where T : IEquatable<T>
    {
        var merged = existing.ToList();
        foreach (var addition in additions)
        {
            var same = merged.FirstOrDefault(item => key(item) == key(addition));
            if (same is null)
            {
                merged.Add(addition);
            }
            else if (fingerprint(same) != fingerprint(addition))
            {
                Report(DiagnosticDescriptors.ConflictingExtension, location(addition), "the " + what, key(addition), location(same).Display);
            }
        }

        return merged.ToEquatableArray();
    }
}
