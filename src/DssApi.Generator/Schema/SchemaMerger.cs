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

/// <summary>
/// Joins the schema files into one API: a later file extends what an earlier one declared (new
/// enum values, fields, cases, mutators, routes) but may not change it. Then every reference is
/// checked; a member that refers to something missing is reported and left out, so the emitter
/// only ever sees a consistent model.
/// </summary>
internal sealed class SchemaMerger
{
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly Dictionary<string, EnumDef> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectDef> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandleDef> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeReference> _types = new(StringComparer.Ordinal);

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

    private void Add(SchemaDocument document)
    {
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

        return items;
    }

    private void RegisterTypes()
    {
        foreach (var definition in _enums.Values)
        {
            _types[definition.Name] = new TypeReference(definition.Name, TypeCategory.Enum, false, EquatableArray<string>.Empty, null, EquatableArray<CaseRef>.Empty);
        }

        foreach (var definition in _objects.Values)
        {
            var category = definition.Save is null ? TypeCategory.View : TypeCategory.Saved;
            var identity = definition.Identity.Select(p => p.Name).ToEquatableArray();
            var cases = (definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty).Select(c => new CaseRef(c.Wire, c.Name)).ToEquatableArray();
            _types[definition.Name] = new TypeReference(definition.Name, category, definition.Editable, identity, definition.Union?.Discriminator, cases);
            foreach (var unionCase in definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty)
            {
                if (!_types.ContainsKey(unionCase.Name))
                {
                    _types[unionCase.Name] = new TypeReference(unionCase.Name, category, definition.Editable, identity, null, EquatableArray<CaseRef>.Empty);
                }
            }
        }

        foreach (var definition in _handles.Values.Where(h => !h.IsClient))
        {
            _types[definition.Name] = new TypeReference(definition.Name, TypeCategory.Handle, false, definition.Identity.Select(p => p.Name).ToEquatableArray(), null, EquatableArray<CaseRef>.Empty);
        }
    }

    // members every generated object, enum or handle already has
    private static readonly string[] ObjectMembers = ["GetRaw", "ToString", "FromJson", "Load", "Equals", "GetHashCode", "GetType", "HasChanges", "SaveAsync", "Client"];
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

    private IEnumerable<EmitItem> ResolveObject(ObjectDef definition)
    {
        var references = new ReferenceSet(_types);
        var taken = new HashSet<string>(ObjectMembers.Append(definition.Name), StringComparer.Ordinal);
        if (definition.Union is { } unionDefinition)
        {
            taken.Add(NameFromWire(unionDefinition.Discriminator));
        }

        var fields = UniqueMembers(ResolveFields(definition.Fields, references).Where(f => f.Wire != definition.Union?.Discriminator).ToEquatableArray(), f => f.Name, f => f.Location, taken);
        var identity = definition.Identity.Where(p => CheckParamType(p, references, TypeName.String)).ToEquatableArray();
        var identityNames = identity.Select(p => p.Name).ToList();
        var save = definition.Save is { } route ? ResolveRoute(route, definition.Name, identityNames, references) : null;
        var mutators = UniqueMembers(ResolveMutators(definition.Mutators, fields, definition.Name, references), m => m.Name, m => m.Location, taken);
        var union = definition.Union;
        if (union is not null)
        {
            if (union.DiscriminatorType != TypeName.String && !references.Require(union.DiscriminatorType, TypeCategory.Enum))
            {
                Report(DiagnosticDescriptors.UnknownType, definition.Location, union.DiscriminatorType);
                union = union with { DiscriminatorType = TypeName.String };
            }

            union = union with { Cases = union.Cases.Where(c => _typeNames.TryGetValue(c.Name, out var claimed) && claimed == c.Location).ToEquatableArray() };
        }

        var computed = UniqueMembers(ResolveComputed(definition.Computed, references), c => c.Name, c => c.Location, taken);
        var resolved = definition with { Fields = fields, Identity = identity, Save = save, Mutators = mutators, Computed = computed, Union = union };
        yield return new ObjectItem(resolved, null, references.ToArray());
        if (union is null)
        {
            yield break;
        }

        foreach (var unionCase in union.Cases)
        {
            var caseReferences = new ReferenceSet(_types);
            caseReferences.Require(definition.Name, TypeCategory.View);
            if (union.DiscriminatorType != TypeName.String)
            {
                caseReferences.Require(union.DiscriminatorType, TypeCategory.Enum);
            }

            // a case sees the union's fields too, for its mutators' targets; its members must not hide the union's
            var caseTaken = new HashSet<string>(taken, StringComparer.Ordinal) { unionCase.Name };
            var caseFields = UniqueMembers(ResolveFields(unionCase.Fields, caseReferences).Where(f => f.Wire != union.Discriminator).ToEquatableArray(), f => f.Name, f => f.Location, caseTaken);
            var caseObject = new ObjectDef(
                unionCase.Name,
                definition.Editable ? ObjectKind.Settings : ObjectKind.Record,
                definition.Editable,
                unionCase.Description,
                unionCase.Since,
                caseFields,
                UniqueMembers(ResolveMutators(unionCase.Mutators, fields.Concat(caseFields).ToEquatableArray(), unionCase.Name, caseReferences), m => m.Name, m => m.Location, caseTaken),
                UniqueMembers(ResolveComputed(unionCase.Computed, caseReferences), c => c.Name, c => c.Location, caseTaken),
                identity,
                null,
                null,
                unionCase.InfraTypes,
                unionCase.Location);
            var caseOf = new UnionCaseOf(definition.Name, unionCase.Wire, union.Discriminator, union.DiscriminatorType, definition.Save is not null);
            yield return new ObjectItem(caseObject, caseOf, caseReferences.ToArray());
        }
    }

    private EquatableArray<FieldDef> ResolveFields(EquatableArray<FieldDef> fields, ReferenceSet references) =>
        fields.Where(field =>
        {
            if (field.Type == TypeName.Stream || !references.RequireType(field.Type))
            {
                Report(DiagnosticDescriptors.UnknownType, field.TypeLocation, field.Type);
                return false;
            }

            return true;
        }).ToEquatableArray();

    private EquatableArray<ComputedDef> ResolveComputed(EquatableArray<ComputedDef> computed, ReferenceSet references) =>
        computed.Select(member =>
        {
            if (member.Link is { } link)
            {
                return ResolveLink(member, link, references);
            }

            if (member.Returns == TypeName.Stream || !references.RequireType(member.Returns))
            {
                Report(DiagnosticDescriptors.UnknownType, member.Location, member.Returns);
                return null;
            }

            return member;
        }).Where(member => member is not null).Select(member => member!).ToEquatableArray();

    /// <summary>
    /// A handle member names every identity value of its handle, a future member the job id, and a
    /// route member a route of its handle that returns an object, with a value for each required
    /// parameter (string, integer or bool), whose types it takes.
    /// </summary>
    private ComputedDef? ResolveLink(ComputedDef member, HandleLink link, ReferenceSet references)
    {
        string[] expected;
        if (link.Kind == HandleLinkKind.Future)
        {
            expected = ["jobId"];
        }
        else if (!references.Require(link.Target, TypeCategory.Handle) || !_handles.TryGetValue(link.Target, out var handle))
        {
            Report(DiagnosticDescriptors.UnknownType, member.Location, link.Target);
            return null;
        }
        else if (link.Kind == HandleLinkKind.Handle)
        {
            expected = handle.Identity.Select(p => p.Name).ToArray();
        }
        else if (handle.Routes.FirstOrDefault(r => r.Name == link.Route) is not { Returns: ReturnKind.Type } route || !references.RequireObject(route.ReturnType!))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, member.Location, $"'{link.Route}' of computed member '{member.Name}' is not a route of '{link.Target}' that returns an object");
            return null;
        }
        else
        {
            var parameters = route.Params.ToDictionary(p => p.Name, p => p, StringComparer.Ordinal);
            var typed = link.Values.Select(value => parameters.TryGetValue(value.Name, out var parameter) && parameter.Type is TypeName.String or TypeName.Integer or TypeName.Bool
                ? value with { Type = parameter.Type }
                : null).ToList();
            var missing = route.Params.Where(p => !p.Optional && link.Values.All(v => v.Name != p.Name)).Select(p => p.Name).ToList();
            if (typed.Any(value => value is null) || missing.Count > 0)
            {
                Report(DiagnosticDescriptors.UnknownConstruct, member.Location, $"the values of computed member '{member.Name}' must name string, integer or bool parameters of '{link.Target}.{link.Route}', every required one ({string.Join(", ", route.Params.Where(p => !p.Optional).Select(p => p.Name))})");
                return null;
            }

            return member with { Returns = route.ReturnType!, Link = link with { Values = typed.Select(v => v!).ToEquatableArray() } };
        }

        var names = link.Values.Select(v => v.Name).ToList();
        if (names.Count != expected.Length || expected.Any(name => !names.Contains(name)))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, member.Location, $"the values of computed member '{member.Name}' must name exactly: {string.Join(", ", expected)}");
            return null;
        }

        return member;
    }

    private bool CheckParamType(ParamDef parameter, ReferenceSet references, string? only = null)
    {
        var known = only is null ? references.RequireType(parameter.Type) : parameter.Type == only;
        if (!known)
        {
            Report(DiagnosticDescriptors.UnknownType, parameter.TypeLocation, parameter.Type);
            return false;
        }

        if (parameter.SumsToOne is not null && !(TypeName.IsList(parameter.Type, out var element) && references.Require(element, TypeCategory.View)))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, parameter.Location, $"'sumsToOne' of parameter '{parameter.Name}' needs a list of records or settings, not '{parameter.Type}'");
            return false;
        }

        if (parameter.ItemsHave is not null && !(TypeName.IsList(parameter.Type, out var items) && items == TypeName.Json))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, parameter.Location, $"'itemsHave' of parameter '{parameter.Name}' needs a list<json>, not '{parameter.Type}'");
            return false;
        }

        if (parameter.Type == TypeName.Stream && parameter.Optional)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, parameter.Location, $"the stream parameter '{parameter.Name}' cannot be optional");
            return false;
        }

        return true;
    }

    private EquatableArray<MutatorDef> ResolveMutators(EquatableArray<MutatorDef> mutators, EquatableArray<FieldDef> fields, string owner, ReferenceSet references)
    {
        var resolved = new List<MutatorDef>();
        foreach (var mutator in mutators)
        {
            if (!mutator.Params.All(p => CheckParamType(p, references)))
            {
                continue;
            }

            if (mutator.Kind != MutatorKind.Set)
            {
                var target = fields.FirstOrDefault(f => f.Wire == mutator.Target);
                if (target is null || !TypeName.IsList(target.Type, out var element) || !references.Require(element, TypeCategory.View))
                {
                    Report(DiagnosticDescriptors.UnknownConstruct, mutator.Location, $"mutator '{mutator.Name}' of '{owner}' must name a field of '{owner}' that is a list of records or settings, not '{mutator.Target}'");
                    continue;
                }

            }

            if (!CheckPlaceholders(Template.NamesInJson(mutator.TemplateJson), mutator.Params.Select(p => p.Name), mutator.Name, mutator.Location))
            {
                continue;
            }

            resolved.Add(mutator);
        }

        return resolved.ToEquatableArray();
    }

    private bool CheckPlaceholders(IEnumerable<string> used, IEnumerable<string> available, string member, SourceLocation location)
    {
        var known = new HashSet<string>(available, StringComparer.Ordinal);
        var ok = true;
        foreach (var name in used.Distinct())
        {
            if (!known.Contains(name))
            {
                Report(DiagnosticDescriptors.MissingPathParameter, location, name, member);
                ok = false;
            }
        }

        return ok;
    }

    private HandleItem ResolveHandle(HandleDef handle)
    {
        var references = new ReferenceSet(_types);
        var taken = new HashSet<string>(ObjectMembers.Append(handle.Name), StringComparer.Ordinal);
        var identity = UniqueMembers(handle.Identity.Where(p => CheckParamType(p, references, TypeName.String)).ToEquatableArray(), p => NameFromWire(p.Name), p => p.Location, taken);
        var identityNames = identity.Select(p => p.Name).ToList();
        var factories = new List<FactoryDef>();
        foreach (var factory in handle.Factories)
        {
            if (!factory.Params.All(p => CheckParamType(p, references)))
            {
                continue;
            }

            var available = identityNames.Concat(factory.Params.Select(p => p.Name)).ToList();
            if (factory.IsFuture)
            {
                if (factory.Target != TypeName.Json && !references.Require(factory.Target, TypeCategory.View))
                {
                    Report(DiagnosticDescriptors.UnknownType, factory.Location, factory.Target);
                    continue;
                }

                if (factory.Params.Count != 1 || factory.Params[0].Type != TypeName.String)
                {
                    Report(DiagnosticDescriptors.UnknownConstruct, factory.Location, $"factory '{factory.Name}' of a future takes exactly one string parameter: the job id");
                    continue;
                }
            }
            else if (!references.Require(factory.Target, TypeCategory.Handle))
            {
                Report(DiagnosticDescriptors.UnknownType, factory.Location, factory.Target);
                continue;
            }
            else if (!CheckPlaceholders(_types[factory.Target].Identity, available, factory.Name, factory.Location))
            {
                continue;
            }

            factories.Add(factory);
        }

        factories = UniqueMembers(factories.ToEquatableArray(), f => f.Name, f => f.Location, taken).ToList();
        var routes = handle.Routes
            .Select(r => ResolveRoute(r, handle.Name, identityNames, references))
            .Where(r => r is not null && (handle.Name != "DssApiNodeClient" || IsNodeClientRoute(r)))
            .Select(r => r!)
            .ToList();
        routes = routes.Where(r => r.Combine.Count == 0 || CheckCombine(r, routes, handle.Name)).ToList();
        routes = routes.Where(r => r.Guard is null || CheckGuard(r, r.Guard, routes, handle.Name)).ToList();
        routes = UniqueMembers(routes.ToEquatableArray(), r => r.Name + "Async", r => r.Location, taken).ToList();
        if (handle.Name == "DssApiNodeClient" && factories.Count > 0)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, factories[0].Location, "the API node client has no factories: handles and futures belong to DssClient");
            factories.Clear();
        }

        return new HandleItem(handle with { Identity = identity, Factories = factories.ToEquatableArray(), Routes = routes.ToEquatableArray() }, references.ToArray());
    }

    /// <summary>Routes of the API node client cannot lead back to the DSS server's objects.</summary>
    private bool IsNodeClientRoute(RouteDef route)
    {
        if (route.Returns is ReturnKind.Future or ReturnKind.Handle
            || (route.Returns == ReturnKind.Type && _types[route.ReturnType!].Category == TypeCategory.Saved))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, route.Location, $"route '{route.Name}' of the API node client cannot return settings, handles or futures: those belong to DssClient");
            return false;
        }

        return true;
    }

    /// <summary>A combined route calls routes of its own handle that take no parameters and return records.</summary>
    private bool CheckCombine(RouteDef route, List<RouteDef> routes, string owner)
    {
        if (route.Returns != ReturnKind.Type || _types[route.ReturnType!].Category != TypeCategory.View || route.Params.Count > 0)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, route.Location, $"combined route '{route.Name}' of '{owner}' takes no parameters and returns a record");
            return false;
        }

        foreach (var part in route.Combine)
        {
            var called = routes.FirstOrDefault(r => r.Name == part.Route);
            if (called is null || called.Combine.Count > 0 || called.Params.Any(p => !p.Optional)
                || called.Returns != ReturnKind.Type || _types[called.ReturnType!].Category != TypeCategory.View)
            {
                Report(DiagnosticDescriptors.UnknownConstruct, route.Location, $"'{part.Route}' is not a route of '{owner}' without required parameters that returns a record");
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A guard reads a record through a route of its own handle without required parameters, is
    /// lifted by a bool parameter of the guarded route, and fixes settings that a route of the handle
    /// reads and that can be saved; its message names only identity values and parameters.
    /// </summary>
    private bool CheckGuard(RouteDef route, GuardDef guard, List<RouteDef> routes, string owner)
    {
        var member = $"{owner}.{route.Name}";
        bool IsReadOf(string name, TypeCategory category) =>
            routes.FirstOrDefault(r => r.Name == name) is { Combine.Count: 0, Returns: ReturnKind.Type } called
            && called.Params.All(p => p.Optional)
            && _types[called.ReturnType!].Category == category;

        if (!IsReadOf(guard.Read, TypeCategory.View))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, guard.Location, $"the guard of '{member}' reads '{guard.Read}', which is not a route of '{owner}' without required parameters that returns a record");
            return false;
        }

        if (!IsReadOf(guard.FixSettings, TypeCategory.Saved))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, guard.Location, $"the guard of '{member}' fixes '{guard.FixSettings}', which is not a route of '{owner}' without required parameters that returns settings with a save");
            return false;
        }

        if (route.Params.FirstOrDefault(p => p.Name == guard.Unless) is not { Type: TypeName.Bool })
        {
            Report(DiagnosticDescriptors.UnknownConstruct, guard.Location, $"the guard of '{member}' is lifted by '{guard.Unless}', which is not a bool parameter of the route");
            return false;
        }

        return true;
    }

    private RouteDef? ResolveRoute(RouteDef route, string owner, List<string> identity, ReferenceSet references)
    {
        if (!route.Params.All(p => CheckParamType(p, references)))
        {
            return null;
        }

        var available = identity.Concat(route.Params.Select(p => p.Name)).ToList();
        if (!CheckPlaceholders(Template.NamesIn(route.Path), available, $"{owner}.{route.Name}", route.PathLocation)
            || !CheckPlaceholders(Template.NamesInJson(route.QueryJson).Concat(Template.NamesInJson(route.BodyJson)), available, $"{owner}.{route.Name}", route.Location))
        {
            return null;
        }

        var special = new[] { route.FileParam, route.FileNameParam, route.DownloadParam }.Where(p => p is not null).Select(p => p!);
        if (!CheckPlaceholders(special, route.Params.Select(p => p.Name), $"{owner}.{route.Name}", route.Location)
            || (route.Once is { } once && !CheckOnce(route, once, available, $"{owner}.{route.Name}"))
            || (route.Recover is { } recover && !CheckRecover(route, recover, available, $"{owner}.{route.Name}"))
            || (route.Guard is { } guard && !CheckPlaceholders(Template.NamesIn(guard.Message), available, $"{owner}.{route.Name}", guard.Location)))
        {
            return null;
        }

        switch (route.Returns)
        {
            case ReturnKind.Type:
                if (!references.RequireObject(route.ReturnType!))
                {
                    Report(DiagnosticDescriptors.UnknownType, route.Location, route.ReturnType!);
                    return null;
                }

                var returned = _types[route.ReturnType!];
                if (returned.Category == TypeCategory.Saved && !CheckPlaceholders(returned.Identity, available, $"{owner}.{route.Name}", route.Location))
                {
                    return null;
                }

                break;
            case ReturnKind.List:
                if (!TypeName.IsScalar(route.ReturnType!) && !references.Require(route.ReturnType!, TypeCategory.View))
                {
                    Report(DiagnosticDescriptors.UnknownType, route.Location, route.ReturnType!);
                    return null;
                }

                break;
            case ReturnKind.Future:
                if (route.ReturnType != TypeName.Json && !references.Require(route.ReturnType!, TypeCategory.View))
                {
                    Report(DiagnosticDescriptors.UnknownType, route.Location, route.ReturnType!);
                    return null;
                }

                break;
            case ReturnKind.Handle:
                if (!references.Require(route.ReturnType!, TypeCategory.Handle))
                {
                    Report(DiagnosticDescriptors.UnknownType, route.Location, route.ReturnType!);
                    return null;
                }

                if (!CheckPlaceholders(_types[route.ReturnType!].Identity, available, $"{owner}.{route.Name}", route.Location))
                {
                    return null;
                }

                break;
        }

        return route;
    }

    /// <summary>
    /// A route sent once creates or starts something (POST) and answers what its check can vouch for:
    /// a route checked by a read ignores its answer; fallbacks stand for optional parameters.
    /// </summary>
    private bool CheckOnce(RouteDef route, OnceDef once, List<string> available, string member)
    {
        if (route.Method != "POST" || route.Returns is ReturnKind.Text or ReturnKind.JsonText or ReturnKind.Stream or ReturnKind.Download
            || (once.ExistsPath is not null && route.Returns is not (ReturnKind.Empty or ReturnKind.Handle)))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, once.Location,
                $"'once' of {member} needs a POST route that returns empty or a handle (with 'exists'), or JSON, a type, a list or a future (without)");
            return false;
        }

        foreach (var fallback in once.Fallbacks)
        {
            if (!route.Params.Any(p => p.Name == fallback.Param && p.Optional && p.Type == TypeName.String)
                || !available.Contains(fallback.Replacement))
            {
                Report(DiagnosticDescriptors.UnknownConstruct, once.Location,
                    $"the fallback of '{fallback.Param}' in {member} must map an optional string parameter to an identity value or parameter");
                return false;
            }
        }

        // A path segment cannot be left out: an optional parameter there needs a fallback.
        var leftOut = (once.ExistsPath is null ? [] : Template.NamesIn(once.ExistsPath))
            .FirstOrDefault(name => route.Params.Any(p => p.Name == name && p.Optional && p.DefaultJson is null or "null")
                && !once.Fallbacks.Any(f => f.Param == name));
        if (leftOut is not null)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, once.Location, $"the exists path of {member} uses the optional parameter '{leftOut}', which needs a fallback");
            return false;
        }

        var used = Template.NamesIn(once.Check)
            .Concat(once.ExistsPath is null ? [] : Template.NamesIn(once.ExistsPath))
            .Concat(once.ListsId is null ? [] : Template.NamesIn(once.ListsId));
        return CheckPlaceholders(used, available, member, once.Location);
    }

    private bool CheckRecover(RouteDef route, RecoverDef recover, List<string> available, string member)
    {
        if (route.Returns != ReturnKind.Future)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, recover.Location, $"'recover' of {member} needs a route that returns a future");
            return false;
        }

        return CheckPlaceholders(Template.NamesIn(recover.Path), available, member, recover.Location);
    }

    /// <summary>The types one generated file mentions, looked up as they are checked.</summary>
    private sealed class ReferenceSet(Dictionary<string, TypeReference> types)
    {
        private readonly SortedDictionary<string, TypeReference> _used = new(StringComparer.Ordinal);

        public bool Require(string name, TypeCategory category)
        {
            if (!types.TryGetValue(name, out var info) || info.Category != category)
            {
                return false;
            }

            _used[name] = info;
            return true;
        }

        /// <summary>An object type (view or saved settings).</summary>
        public bool RequireObject(string name)
        {
            if (!types.TryGetValue(name, out var info) || info.Category is not (TypeCategory.View or TypeCategory.Saved))
            {
                return false;
            }

            _used[name] = info;
            return true;
        }

        /// <summary>Any type a field or parameter may have: built-ins, enums, views, lists and maps of those.</summary>
        public bool RequireType(string type)
        {
            if (TypeName.IsBuiltIn(type))
            {
                return true;
            }

            if (TypeName.IsList(type, out var element) || TypeName.IsMap(type, out element))
            {
                return element != TypeName.Stream && !TypeName.TryParseGeneric(element, out _, out _) && RequireType(element);
            }

            return Require(type, TypeCategory.Enum) || Require(type, TypeCategory.View);
        }

        public EquatableArray<TypeReference> ToArray() => _used.Values.ToEquatableArray();
    }
}
