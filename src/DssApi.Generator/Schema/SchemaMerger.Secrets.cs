using System;
using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Model;

namespace DssApi.Generator.Schema;

// Where the secret fields of each kind of saved settings are, for the catalog that settings comparisons read.
internal sealed partial class SchemaMerger
{
    /// <summary>One entry per saved settings type (none when the schema has no saved settings).</summary>
    private SecretFieldCatalogItem? SecretFieldCatalog()
    {
        var settings = _objects.Values
            .Where(definition => definition.Save is not null)
            .OrderBy(definition => definition.Name, StringComparer.Ordinal)
            .Select(definition => new SettingsSecrets(definition.Name, SecretPaths(AllFields(definition), string.Empty, []).Distinct().ToEquatableArray()))
            .ToEquatableArray();
        return settings.Count == 0 ? null : new SecretFieldCatalogItem(settings);
    }

    /// <summary>The paths of the secret fields among <paramref name="fields"/> and the objects they hold; <paramref name="visiting"/> stops at types that hold themselves.</summary>
    private IEnumerable<string> SecretPaths(IEnumerable<FieldDef> fields, string prefix, HashSet<string> visiting)
    {
        foreach (var field in fields)
        {
            var path = prefix.Length == 0 ? field.Wire : prefix + "." + field.Wire;
            if (field.Secret)
            {
                yield return path;
                continue;
            }

            var type = field.Type;
            while (true)
            {
                if (TypeName.IsList(type, out var item))
                {
                    path += "[]";
                    type = item;
                }
                else if (TypeName.IsMap(type, out var value))
                {
                    path += ".*";
                    type = value;
                }
                else
                {
                    break;
                }
            }

            if (FieldsOf(type) is not { } held || !visiting.Add(type))
            {
                continue;
            }

            foreach (var nested in SecretPaths(held, path, visiting))
            {
                yield return nested;
            }

            visiting.Remove(type);
        }
    }

    /// <summary>The fields of an object or union case type; null for enums, scalars and unknown names.</summary>
    private IEnumerable<FieldDef>? FieldsOf(string type)
    {
        if (_objects.TryGetValue(type, out var definition))
        {
            return AllFields(definition);
        }

        return _objects.Values
            .SelectMany(candidate => candidate.Union?.Cases ?? EquatableArray<CaseDef>.Empty)
            .FirstOrDefault(unionCase => unionCase.Name == type)?.Fields;
    }

    // A union's JSON may be any of its cases: a field secret in one case is secret in the union.
    private static IEnumerable<FieldDef> AllFields(ObjectDef definition) =>
        definition.Fields.Concat((definition.Union?.Cases ?? EquatableArray<CaseDef>.Empty).SelectMany(unionCase => unionCase.Fields));
}
