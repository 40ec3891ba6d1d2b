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

// The types each generated file mentions.
internal sealed partial class SchemaMerger
{
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
