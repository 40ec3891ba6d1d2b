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

// Records, settings, unions and their cases, with their fields, mutators and computed members.
internal sealed partial class SchemaMerger
{
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
        computed.Where(member =>
        {
            if (member.Returns == TypeName.Stream || !references.RequireType(member.Returns))
            {
                Report(DiagnosticDescriptors.UnknownType, member.Location, member.Returns);
                return false;
            }

            return true;
        }).ToEquatableArray();

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
}
