using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;

namespace DssApi.Generator.Schema;

// Records, settings, unions and their cases: fields, mutators and computed members.
internal sealed partial class SchemaReader
{
    private static readonly string[] RecordKeys = ["description", "since", "fields", "computed", "infraTypes"];
    private static readonly string[] SettingsKeys = ["description", "since", "fields", "mutators", "computed", "identity", "save", "infraTypes"];
    private static readonly string[] UnionKeys = ["description", "since", "editable", "discriminator", "discriminatorType", "fields", "mutators", "computed", "identity", "save", "cases", "infraTypes"];
    private static readonly string[] CaseKeys = ["name", "description", "since", "fields", "mutators", "computed", "infraTypes"];
    private static readonly string[] ComputedKeys = ["description", "returnsDescription", "since", "returns", "helper", "handle", "future", "route", "values", "each", "where"];
    private static readonly string[] FieldKeys = ["type", "name", "required", "secret", "description", "since", "infraTypes"];
    private static readonly string[] MutatorKeys = ["description", "since", "params", "appendTo", "template", "set", "removeFrom", "where", "infraTypes"];

    private void ReadObject(string name, TextRange nameRange, JsonSyntax value, ObjectKind kind)
    {
        var construct = $"{KindWord(kind)} '{name}'";
        if (AsObject(value, construct) is not { } syntax)
        {
            return;
        }

        var allowed = kind switch
        {
            ObjectKind.Record => RecordKeys,
            ObjectKind.Settings => SettingsKeys,
            _ => UnionKeys,
        };
        var properties = Properties(syntax, construct, allowed);
        var editable = kind == ObjectKind.Settings || (kind == ObjectKind.Union && OptionalBool(properties, "editable") == true);
        var fields = ReadFields(properties, construct);
        var mutators = ReadMutators(properties, construct);
        var identity = ReadParams(properties, "identity", construct);
        RouteDef? save = null;
        if (properties.TryGetValue("save", out var saveProperty))
        {
            save = ReadRoute("Save", saveProperty.KeyRange, saveProperty.Value, $"the save route of {construct}", SaveKeys);
        }

        UnionDef? union = null;
        if (kind == ObjectKind.Union)
        {
            union = ReadUnion(name, nameRange, properties);
        }

        _objects.Add(new ObjectDef(
            name,
            kind,
            editable,
            OptionalString(properties, "description"),
            Since(properties),
            fields,
            mutators,
            ReadComputed(properties, construct),
            identity,
            save,
            union,
            StringList(properties, "infraTypes", construct),
            At(nameRange)));
    }

    private UnionDef ReadUnion(string name, TextRange nameRange, Dictionary<string, JsonPropertySyntax> properties)
    {
        var construct = $"union '{name}'";
        var discriminator = OptionalString(properties, "discriminator");
        if (discriminator is null)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, nameRange, $"{construct} has no 'discriminator' (the field whose value tells the cases apart)");
        }

        var cases = new List<CaseDef>();
        if (properties.TryGetValue("cases", out var casesProperty) && AsObject(casesProperty.Value, $"the cases of {construct}") is { } casesSyntax)
        {
            foreach (var entry in Entries(casesSyntax, $"the cases of {construct}"))
            {
                if (ReadCase(construct, entry) is { } unionCase)
                {
                    cases.Add(unionCase);
                }
            }
        }

        return new UnionDef(discriminator ?? "type", OptionalString(properties, "discriminatorType") ?? TypeName.String, cases.ToEquatableArray());
    }

    private CaseDef? ReadCase(string unionConstruct, JsonPropertySyntax entry)
    {
        var construct = $"case '{entry.Key}' of {unionConstruct}";
        if (AsObject(entry.Value, construct) is not { } syntax)
        {
            return null;
        }

        var properties = Properties(syntax, construct, CaseKeys);
        if (!properties.TryGetValue("name", out var nameProperty) || nameProperty.Value is not JsonStringSyntax nameSyntax)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, entry.KeyRange, $"{construct} needs a 'name': the .NET type of that case");
            return null;
        }

        if (!CheckIdentifier(nameSyntax.Value, nameSyntax.Range))
        {
            return null;
        }

        return new CaseDef(
            entry.Key,
            nameSyntax.Value,
            OptionalString(properties, "description"),
            Since(properties),
            ReadFields(properties, construct),
            ReadMutators(properties, construct),
            ReadComputed(properties, construct),
            StringList(properties, "infraTypes", construct),
            entry.Value.ToJsonText(),
            At(nameSyntax.Range));
    }

    private EquatableArray<FieldDef> ReadFields(Dictionary<string, JsonPropertySyntax> properties, string construct)
    {
        var fields = new List<FieldDef>();
        if (!properties.TryGetValue("fields", out var fieldsProperty) || AsObject(fieldsProperty.Value, $"the fields of {construct}") is not { } syntax)
        {
            return fields.ToEquatableArray();
        }

        foreach (var entry in Entries(syntax, $"the fields of {construct}"))
        {
            var fieldConstruct = $"field '{entry.Key}' of {construct}";
            string? type;
            TextRange typeRange;
            var fieldProperties = new Dictionary<string, JsonPropertySyntax>();
            if (entry.Value is JsonStringSyntax shorthand)
            {
                type = shorthand.Value;
                typeRange = shorthand.Range;
            }
            else if (AsObject(entry.Value, fieldConstruct) is { } fieldSyntax)
            {
                fieldProperties = Properties(fieldSyntax, fieldConstruct, FieldKeys);
                type = RequiredString(fieldProperties, "type", fieldConstruct, entry.KeyRange, out typeRange);
            }
            else
            {
                continue;
            }

            var name = OptionalString(fieldProperties, "name", out var nameRange) ?? NameFromWire(entry.Key);
            if (type is null || !CheckIdentifier(name, nameRange ?? entry.KeyRange))
            {
                continue;
            }

            var secret = OptionalBool(fieldProperties, "secret") ?? false;
            if (secret && type != TypeName.String)
            {
                Report(DiagnosticDescriptors.UnknownConstruct, typeRange, $"{fieldConstruct} is secret, so its type must be string (DSS answers secrets encrypted, as text), not '{type}'");
                continue;
            }

            fields.Add(new FieldDef(
                entry.Key,
                name,
                type,
                OptionalBool(fieldProperties, "required") ?? false,
                secret,
                OptionalString(fieldProperties, "description"),
                Since(fieldProperties),
                StringList(fieldProperties, "infraTypes", fieldConstruct),
                entry.Value.ToJsonText(),
                At(entry.KeyRange),
                At(typeRange)));
        }

        return fields.ToEquatableArray();
    }

    private EquatableArray<MutatorDef> ReadMutators(Dictionary<string, JsonPropertySyntax> properties, string construct)
    {
        var mutators = new List<MutatorDef>();
        if (!properties.TryGetValue("mutators", out var property) || AsObject(property.Value, $"the mutators of {construct}") is not { } syntax)
        {
            return mutators.ToEquatableArray();
        }

        foreach (var entry in Entries(syntax, $"the mutators of {construct}"))
        {
            var mutatorConstruct = $"mutator '{entry.Key}' of {construct}";
            if (!CheckIdentifier(entry.Key, entry.KeyRange) || AsObject(entry.Value, mutatorConstruct) is not { } mutatorSyntax)
            {
                continue;
            }

            var mutatorProperties = Properties(mutatorSyntax, mutatorConstruct, MutatorKeys);
            MutatorKind kind;
            string? target;
            JsonPropertySyntax? template;
            if (mutatorProperties.ContainsKey("appendTo"))
            {
                kind = MutatorKind.Append;
                target = OptionalString(mutatorProperties, "appendTo");
                mutatorProperties.TryGetValue("template", out template);
            }
            else if (mutatorProperties.ContainsKey("removeFrom"))
            {
                kind = MutatorKind.Remove;
                target = OptionalString(mutatorProperties, "removeFrom");
                mutatorProperties.TryGetValue("where", out template);
            }
            else
            {
                kind = MutatorKind.Set;
                target = null;
                mutatorProperties.TryGetValue("set", out template);
            }

            if (template is null || template.Value is not JsonObjectSyntax)
            {
                Report(
                    DiagnosticDescriptors.UnknownConstruct,
                    entry.KeyRange,
                    $"{mutatorConstruct} needs one of: 'appendTo' with an object 'template', 'removeFrom' with an object 'where', or an object 'set'");
                continue;
            }

            mutators.Add(new MutatorDef(
                entry.Key,
                kind,
                target,
                ReadParams(mutatorProperties, "params", mutatorConstruct),
                template.Value.ToJsonText(),
                OptionalString(mutatorProperties, "description"),
                Since(mutatorProperties),
                StringList(mutatorProperties, "infraTypes", mutatorConstruct),
                entry.Value.ToJsonText(),
                At(entry.KeyRange)));
        }

        return mutators.ToEquatableArray();
    }

    /// <summary>
    /// A computed member that leads to a handle: <c>"handle"</c> (with <c>"values"</c>, optionally
    /// <c>"each"</c> and <c>"where"</c>), <c>"future": true</c> (with the job id in <c>"values"</c>), or
    /// <c>"route"</c> of the handle that read the object (<c>"handle"</c> names it).
    /// </summary>
    private HandleLink? ReadLink(Dictionary<string, JsonPropertySyntax> properties, string construct, TextRange keyRange)
    {
        var future = properties.TryGetValue("future", out var futureProperty) && futureProperty.Value is JsonBooleanSyntax { Value: true };
        var handle = OptionalString(properties, "handle", out var handleRange);
        var route = OptionalString(properties, "route");
        var kind = future ? HandleLinkKind.Future : route is not null ? HandleLinkKind.Route : HandleLinkKind.Handle;
        if (future == (handle is not null) || (route is not null && future))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, handleRange ?? keyRange, $"{construct} leads either to a 'handle' (with a 'route' of it, to call it) or to a 'future'");
            return null;
        }

        var values = StringEntries(properties, "values", construct, "maps an identity value or a parameter to a JSON pointer into the object", (name, pointer) => new LinkValue(name, pointer, TypeName.String));
        var where = StringEntries(properties, "where", construct, "maps a filter parameter to the member of each item it must equal", (name, member) => new LinkValue(name, member, TypeName.String));
        var each = OptionalString(properties, "each", out var eachRange);
        foreach (var pointer in values.Concat(where).Select(v => v.Pointer).Concat(each is null ? [] : [each]))
        {
            if (!pointer.StartsWith("/", System.StringComparison.Ordinal))
            {
                Report(DiagnosticDescriptors.UnknownConstruct, eachRange ?? keyRange, $"'{pointer}' in {construct} must be a JSON pointer, starting with '/'");
                return null;
            }
        }

        if ((each is null && where.Count > 0) || (kind != HandleLinkKind.Handle && each is not null))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, eachRange ?? keyRange, $"{construct}: 'each' (and 'where') go only with a 'handle' read from every item of a list");
            return null;
        }

        return new HandleLink(kind, future ? "future" : handle!, values.ToEquatableArray(), each, where.ToEquatableArray(), route);
    }


    private EquatableArray<ComputedDef> ReadComputed(Dictionary<string, JsonPropertySyntax> properties, string construct)
    {
        var computed = new List<ComputedDef>();
        if (!properties.TryGetValue("computed", out var property) || AsObject(property.Value, $"the computed members of {construct}") is not { } syntax)
        {
            return computed.ToEquatableArray();
        }

        foreach (var entry in Entries(syntax, $"the computed members of {construct}"))
        {
            var memberConstruct = $"computed member '{entry.Key}' of {construct}";
            if (!CheckIdentifier(entry.Key, entry.KeyRange) || AsObject(entry.Value, memberConstruct) is not { } memberSyntax)
            {
                continue;
            }

            var memberProperties = Properties(memberSyntax, memberConstruct, ComputedKeys);
            if (memberProperties.ContainsKey("handle") || memberProperties.ContainsKey("future") || memberProperties.ContainsKey("route"))
            {
                if (ReadLink(memberProperties, memberConstruct, entry.KeyRange) is { } link)
                {
                    computed.Add(new ComputedDef(entry.Key, link.Target, null, OptionalString(memberProperties, "description"), OptionalString(memberProperties, "returnsDescription"), Since(memberProperties), entry.Value.ToJsonText(), At(entry.KeyRange)) { Link = link });
                }

                continue;
            }

            var returns = RequiredString(memberProperties, "returns", memberConstruct, entry.KeyRange, out _);
            var helper = RequiredString(memberProperties, "helper", memberConstruct, entry.KeyRange, out var helperRange);
            if (returns is null || helper is null)
            {
                continue;
            }

            if (!helper.Split('.').All(IsValidIdentifier) || helper.IndexOf('.') < 0)
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, helperRange, helper);
                continue;
            }

            computed.Add(new ComputedDef(entry.Key, returns, helper, OptionalString(memberProperties, "description"), OptionalString(memberProperties, "returnsDescription"), Since(memberProperties), entry.Value.ToJsonText(), At(entry.KeyRange)));
        }

        return computed.ToEquatableArray();
    }

    private static string KindWord(ObjectKind kind) => kind switch
    {
        ObjectKind.Record => "record",
        ObjectKind.Settings => "settings",
        _ => "union",
    };
}
