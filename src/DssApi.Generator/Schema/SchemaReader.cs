using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DssApi.Generator.Schema;

/// <summary>
/// Reads one schema file into a <see cref="SchemaDocument"/>. Each construct is checked for its
/// own shape here; what needs every file at once (type references, extensions) is checked on merge.
/// </summary>
internal sealed class SchemaReader
{
    private static readonly string[] TopLevelKeys = ["$schema", "description", "enums", "records", "settings", "unions", "handles", "clients"];
    private static readonly string[] EnumKeys = ["description", "since", "values"];
    private static readonly string[] EnumValueKeys = ["name", "description", "since"];
    private static readonly string[] RecordKeys = ["description", "since", "fields", "computed", "infraTypes"];
    private static readonly string[] SettingsKeys = ["description", "since", "fields", "mutators", "computed", "identity", "save", "infraTypes"];
    private static readonly string[] UnionKeys = ["description", "since", "editable", "discriminator", "discriminatorType", "fields", "mutators", "computed", "identity", "save", "cases", "infraTypes"];
    private static readonly string[] CaseKeys = ["name", "description", "since", "fields", "mutators", "computed", "infraTypes"];
    private static readonly string[] ComputedKeys = ["description", "since", "returns", "helper", "handle", "future", "route", "values", "each", "where"];
    private static readonly string[] FieldKeys = ["type", "name", "required", "description", "since", "infraTypes"];
    private static readonly string[] ParamKeys = ["type", "optional", "default", "description", "nonEmpty", "sumsToOne", "itemsHave", "ignoredForInfraTypes"];
    private static readonly string[] MutatorKeys = ["description", "since", "params", "appendTo", "template", "set", "removeFrom", "where", "infraTypes"];
    private static readonly string[] RouteKeys = ["description", "since", "method", "path", "params", "query", "body", "file", "returns", "pick", "downloadTo", "combine", "effects", "infraTypes", "once", "recover", "guard"];
    private static readonly string[] GuardKeys = ["read", "when", "unless", "message", "fix"];
    private static readonly string[] GuardFixKeys = ["settings", "set"];
    private static readonly string[] OnceKeys = ["exists", "lists", "in", "fallbacks", "check"];
    private static readonly string[] RecoverKeys = ["from", "status", "succeeded", "failed"];
    private static readonly string[] SaveKeys = ["description", "method", "path", "params", "query"];
    private static readonly string[] FileKeys = ["content", "fileName"];
    private static readonly string[] HandleKeys = ["description", "identity", "factories", "routes"];
    private static readonly string[] ClientKeys = ["description", "factories", "routes"];
    private static readonly string[] FactoryKeys = ["description", "since", "handle", "future", "params"];
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    private static readonly string[] KnownEffects = ["createsDeployment", "startsDeployment"];

    /// <summary>The runtime clients a schema may add members to.</summary>
    public static readonly string[] ClientNames = ["DssClient", "DssApiNodeClient"];

    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly List<EnumDef> _enums = [];
    private readonly List<ObjectDef> _objects = [];
    private readonly List<HandleDef> _handles = [];

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

    private void ReadEnum(string name, TextRange nameRange, JsonSyntax value)
    {
        if (AsObject(value, $"enum '{name}'") is not { } syntax)
        {
            return;
        }

        var properties = Properties(syntax, $"enum '{name}'", EnumKeys);
        var values = new List<EnumValueDef>();
        if (properties.TryGetValue("values", out var valuesProperty) && AsObject(valuesProperty.Value, $"the values of enum '{name}'") is { } valuesSyntax)
        {
            foreach (var entry in Entries(valuesSyntax, $"the values of enum '{name}'"))
            {
                if (ReadEnumValue(name, entry) is { } enumValue)
                {
                    values.Add(enumValue);
                }
            }
        }
        else if (valuesProperty is null)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, nameRange, $"enum '{name}' has no 'values'");
        }

        _enums.Add(new EnumDef(name, OptionalString(properties, "description"), Since(properties), values.ToEquatableArray(), At(nameRange)));
    }

    private EnumValueDef? ReadEnumValue(string enumName, JsonPropertySyntax entry)
    {
        string? dotnetName;
        string? description = null;
        string? since = null;
        if (entry.Value is JsonStringSyntax shorthand)
        {
            dotnetName = shorthand.Value;
        }
        else if (AsObject(entry.Value, $"value '{entry.Key}' of enum '{enumName}'") is { } syntax)
        {
            var properties = Properties(syntax, $"value '{entry.Key}' of enum '{enumName}'", EnumValueKeys);
            dotnetName = OptionalString(properties, "name") ?? NameFromWire(entry.Key);
            description = OptionalString(properties, "description");
            since = Since(properties);
        }
        else
        {
            return null;
        }

        var nameRange = entry.Value is JsonStringSyntax ? entry.Value.Range : entry.KeyRange;
        return CheckIdentifier(dotnetName, nameRange)
            ? new EnumValueDef(entry.Key, dotnetName, description, since, entry.Value.ToJsonText(), At(entry.KeyRange))
            : null;
    }

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

            fields.Add(new FieldDef(
                entry.Key,
                name,
                type,
                OptionalBool(fieldProperties, "required") ?? false,
                OptionalString(fieldProperties, "description"),
                Since(fieldProperties),
                StringList(fieldProperties, "infraTypes", fieldConstruct),
                entry.Value.ToJsonText(),
                At(entry.KeyRange),
                At(typeRange)));
        }

        return fields.ToEquatableArray();
    }

    private EquatableArray<ParamDef> ReadParams(Dictionary<string, JsonPropertySyntax> properties, string key, string construct)
    {
        var parameters = new List<ParamDef>();
        if (!properties.TryGetValue(key, out var property) || AsObject(property.Value, $"'{key}' of {construct}") is not { } syntax)
        {
            return parameters.ToEquatableArray();
        }

        foreach (var entry in Entries(syntax, $"'{key}' of {construct}"))
        {
            var paramConstruct = $"parameter '{entry.Key}' of {construct}";
            if (!CheckIdentifier(entry.Key, entry.KeyRange))
            {
                continue;
            }

            if (entry.Value is JsonStringSyntax shorthand)
            {
                parameters.Add(new ParamDef(entry.Key, shorthand.Value, false, null, null, false, null, null, EquatableArray<string>.Empty, At(entry.KeyRange), At(shorthand.Range)));
                continue;
            }

            if (AsObject(entry.Value, paramConstruct) is not { } paramSyntax)
            {
                continue;
            }

            var paramProperties = Properties(paramSyntax, paramConstruct, ParamKeys);
            if (RequiredString(paramProperties, "type", paramConstruct, entry.KeyRange, out var typeRange) is not { } type)
            {
                continue;
            }

            string? defaultJson = null;
            if (paramProperties.TryGetValue("default", out var defaultProperty))
            {
                if (defaultProperty.Value is JsonObjectSyntax or JsonArraySyntax)
                {
                    Report(DiagnosticDescriptors.UnknownConstruct, defaultProperty.Value.Range, $"the default of {paramConstruct} must be a string, number, boolean or null");
                }
                else
                {
                    defaultJson = defaultProperty.Value.ToJsonText();
                }
            }

            parameters.Add(new ParamDef(
                entry.Key,
                type,
                (OptionalBool(paramProperties, "optional") ?? false) || defaultJson is not null,
                defaultJson,
                OptionalString(paramProperties, "description"),
                OptionalBool(paramProperties, "nonEmpty") ?? false,
                OptionalString(paramProperties, "sumsToOne"),
                OptionalString(paramProperties, "itemsHave"),
                StringList(paramProperties, "ignoredForInfraTypes", paramConstruct),
                At(entry.KeyRange),
                At(typeRange)));
        }

        return parameters.ToEquatableArray();
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
                    computed.Add(new ComputedDef(entry.Key, link.Target, null, OptionalString(memberProperties, "description"), Since(memberProperties), entry.Value.ToJsonText(), At(entry.KeyRange)) { Link = link });
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

            computed.Add(new ComputedDef(entry.Key, returns, helper, OptionalString(memberProperties, "description"), Since(memberProperties), entry.Value.ToJsonText(), At(entry.KeyRange)));
        }

        return computed.ToEquatableArray();
    }

    private void ReadHandle(string name, TextRange nameRange, JsonSyntax value, bool isClient)
    {
        var construct = isClient ? $"client '{name}'" : $"handle '{name}'";
        if (isClient && !ClientNames.Contains(name))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, nameRange, $"{construct} is not a runtime client; expected one of: {string.Join(", ", ClientNames)}");
            return;
        }

        if (AsObject(value, construct) is not { } syntax)
        {
            return;
        }

        var properties = Properties(syntax, construct, isClient ? ClientKeys : HandleKeys);
        var factories = new List<FactoryDef>();
        if (properties.TryGetValue("factories", out var factoriesProperty) && AsObject(factoriesProperty.Value, $"the factories of {construct}") is { } factoriesSyntax)
        {
            foreach (var entry in Entries(factoriesSyntax, $"the factories of {construct}"))
            {
                if (ReadFactory(construct, entry) is { } factory)
                {
                    factories.Add(factory);
                }
            }
        }

        var routes = new List<RouteDef>();
        if (properties.TryGetValue("routes", out var routesProperty) && AsObject(routesProperty.Value, $"the routes of {construct}") is { } routesSyntax)
        {
            foreach (var entry in Entries(routesSyntax, $"the routes of {construct}"))
            {
                if (CheckIdentifier(entry.Key, entry.KeyRange)
                    && ReadRoute(entry.Key, entry.KeyRange, entry.Value, $"route '{entry.Key}' of {construct}", RouteKeys) is { } route)
                {
                    routes.Add(route);
                }
            }
        }

        _handles.Add(new HandleDef(
            name,
            isClient,
            OptionalString(properties, "description"),
            ReadParams(properties, "identity", construct),
            factories.ToEquatableArray(),
            routes.ToEquatableArray(),
            At(nameRange)));
    }

    private FactoryDef? ReadFactory(string handleConstruct, JsonPropertySyntax entry)
    {
        var construct = $"factory '{entry.Key}' of {handleConstruct}";
        if (!CheckIdentifier(entry.Key, entry.KeyRange) || AsObject(entry.Value, construct) is not { } syntax)
        {
            return null;
        }

        var properties = Properties(syntax, construct, FactoryKeys);
        var handle = OptionalString(properties, "handle");
        var future = OptionalString(properties, "future");
        if ((handle is null) == (future is null))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, entry.KeyRange, $"{construct} needs exactly one of 'handle' (a handle name) or 'future' (the type of the future's result)");
            return null;
        }

        return new FactoryDef(
            entry.Key,
            handle ?? future!,
            future is not null,
            ReadParams(properties, "params", construct),
            OptionalString(properties, "description"),
            Since(properties),
            entry.Value.ToJsonText(),
            At(entry.KeyRange));
    }

    private RouteDef? ReadRoute(string name, TextRange nameRange, JsonSyntax value, string construct, string[] allowed)
    {
        if (AsObject(value, construct) is not { } syntax)
        {
            return null;
        }

        var properties = Properties(syntax, construct, allowed);
        var combine = StringEntries(properties, "combine", construct, "names a route of the same handle", (key, route) => new CombinePart(key, route));
        if (properties.ContainsKey("combine") && combine.Count == 0)
        {
            return null;
        }

        // a combined route sends nothing itself: it calls other routes in order
        string? method = "GET";
        string? path = "/";
        var methodRange = nameRange;
        var pathRange = nameRange;
        if (combine.Count == 0)
        {
            method = RequiredString(properties, "method", construct, nameRange, out methodRange);
            path = RequiredString(properties, "path", construct, nameRange, out pathRange);
        }
        if (method is null || path is null)
        {
            return null;
        }

        if (!HttpMethods.Contains(method))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, methodRange, $"'{method}' is not an HTTP method of the schema language; expected one of: {string.Join(", ", HttpMethods)}");
            return null;
        }

        if (!path.StartsWith("/", System.StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, pathRange, $"the path of {construct} must start with '/'");
            return null;
        }

        string? queryJson = null;
        if (properties.TryGetValue("query", out var queryProperty))
        {
            if (queryProperty.Value is JsonObjectSyntax)
            {
                queryJson = queryProperty.Value.ToJsonText();
            }
            else
            {
                Report(DiagnosticDescriptors.UnknownConstruct, queryProperty.Value.Range, $"the query of {construct} must be an object of query parameter names to values");
            }
        }

        string? fileParam = null;
        string? fileNameParam = null;
        if (properties.TryGetValue("file", out var fileProperty) && AsObject(fileProperty.Value, $"the file of {construct}") is { } fileSyntax)
        {
            var fileProperties = Properties(fileSyntax, $"the file of {construct}", FileKeys);
            fileParam = RequiredString(fileProperties, "content", $"the file of {construct}", fileProperty.KeyRange, out _);
            fileNameParam = RequiredString(fileProperties, "fileName", $"the file of {construct}", fileProperty.KeyRange, out _);
        }

        var (returns, returnType) = ParseReturns(OptionalString(properties, "returns", out var returnsRange), returnsRange ?? nameRange, construct);
        var downloadParam = OptionalString(properties, "downloadTo");
        if (returns == ReturnKind.Download && downloadParam is null)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, returnsRange ?? nameRange, $"{construct} returns 'download' and needs 'downloadTo': the parameter holding the file path");
        }

        var effects = StringList(properties, "effects", construct);
        foreach (var effect in effects)
        {
            if (!KnownEffects.Contains(effect))
            {
                Report(DiagnosticDescriptors.UnknownConstruct, properties["effects"].Value.Range, $"'{effect}' is not an effect of the schema language; expected one of: {string.Join(", ", KnownEffects)}");
            }
        }

        return new RouteDef(
            name,
            method,
            path,
            ReadParams(properties, "params", construct),
            queryJson,
            properties.TryGetValue("body", out var bodyProperty) ? bodyProperty.Value.ToJsonText() : null,
            fileParam,
            fileNameParam,
            returns,
            returnType,
            OptionalString(properties, "pick"),
            downloadParam,
            combine.ToEquatableArray(),
            OptionalString(properties, "description"),
            Since(properties),
            effects.Where(KnownEffects.Contains).ToEquatableArray(),
            StringList(properties, "infraTypes", construct),
            properties.TryGetValue("once", out var onceProperty) ? ReadOnce(onceProperty, construct) : null,
            properties.TryGetValue("recover", out var recoverProperty) ? ReadRecover(recoverProperty, construct) : null,
            properties.TryGetValue("guard", out var guardProperty) ? ReadGuard(guardProperty, construct) : null,
            value.ToJsonText(),
            At(nameRange),
            At(pathRange));
    }

    private OnceDef? ReadOnce(JsonPropertySyntax property, string construct)
    {
        var what = $"the once of {construct}";
        if (AsObject(property.Value, what) is not { } syntax)
        {
            return null;
        }

        var properties = Properties(syntax, what, OnceKeys);
        var check = RequiredString(properties, "check", what, property.KeyRange, out _);
        var exists = OptionalString(properties, "exists", out var existsRange);
        var lists = OptionalString(properties, "lists", out var listsRange);
        var listMember = OptionalString(properties, "in", out var inRange);
        if (exists is null && (lists ?? listMember) is not null)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, listsRange ?? inRange ?? property.KeyRange, $"{what} names what its answer lists, so it needs 'exists': the read that answers it");
            return null;
        }

        if (exists is not null && !exists.StartsWith("/", System.StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, existsRange ?? property.KeyRange, $"the exists path of {what} must start with '/'");
            return null;
        }

        var fallbacks = StringEntries(properties, "fallbacks", what, "names the parameter that stands for a left-out one",
            (param, replacement) => new Fallback(param, replacement));
        return check is null ? null : new OnceDef(exists, lists, listMember, fallbacks.ToEquatableArray(), check, At(property.KeyRange));
    }

    private GuardDef? ReadGuard(JsonPropertySyntax property, string construct)
    {
        var what = $"the guard of {construct}";
        if (AsObject(property.Value, what) is not { } syntax)
        {
            return null;
        }

        var properties = Properties(syntax, what, GuardKeys);
        var read = RequiredString(properties, "read", what, property.KeyRange, out _);
        var when = RequiredString(properties, "when", what, property.KeyRange, out var whenRange);
        var unless = RequiredString(properties, "unless", what, property.KeyRange, out _);
        var message = RequiredString(properties, "message", what, property.KeyRange, out _);
        if (!properties.TryGetValue("fix", out var fixProperty) || AsObject(fixProperty.Value, $"the fix of {what}") is not { } fixSyntax)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, property.KeyRange, $"{what} needs 'fix': the settings to change and save when '{unless}' is true");
            return null;
        }

        var fixProperties = Properties(fixSyntax, $"the fix of {what}", GuardFixKeys);
        var settings = RequiredString(fixProperties, "settings", $"the fix of {what}", fixProperty.KeyRange, out _);
        if (!fixProperties.TryGetValue("set", out var setProperty) || setProperty.Value is not JsonObjectSyntax set || set.Properties.Count == 0)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, fixProperty.KeyRange, $"the fix of {what} needs 'set': an object of the members to change");
            return null;
        }

        if (when is not null && !when.StartsWith("/", System.StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, whenRange, $"the when pointer of {what} must start with '/'");
            return null;
        }

        return read is null || when is null || unless is null || message is null || settings is null
            ? null
            : new GuardDef(read, when, unless, message, settings, set.ToJsonText(), At(property.KeyRange));
    }

    private RecoverDef? ReadRecover(JsonPropertySyntax property, string construct)
    {
        var what = $"the recover of {construct}";
        if (AsObject(property.Value, what) is not { } syntax)
        {
            return null;
        }

        var properties = Properties(syntax, what, RecoverKeys);
        var from = RequiredString(properties, "from", what, property.KeyRange, out var fromRange);
        var status = RequiredString(properties, "status", what, property.KeyRange, out _);
        var succeeded = RequiredString(properties, "succeeded", what, property.KeyRange, out _);
        var failed = RequiredString(properties, "failed", what, property.KeyRange, out _);
        if (from is null || status is null || succeeded is null || failed is null)
        {
            return null;
        }

        if (!from.StartsWith("/", System.StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, fromRange, $"the from path of {what} must start with '/'");
            return null;
        }

        return new RecoverDef(from, status, succeeded, failed, At(property.KeyRange));
    }

    private (ReturnKind Kind, string? Type) ParseReturns(string? returns, TextRange range, string construct)
    {
        switch (returns)
        {
            case null or "empty":
                return (ReturnKind.Empty, null);
            case "text":
                return (ReturnKind.Text, null);
            case "jsonText":
                return (ReturnKind.JsonText, null);
            case "stream":
                return (ReturnKind.Stream, null);
            case "download":
                return (ReturnKind.Download, null);
            case TypeName.Json:
                return (ReturnKind.Json, null);
        }

        if (TypeName.TryParseGeneric(returns, out var outer, out var inner))
        {
            switch (outer)
            {
                case "future":
                    return (ReturnKind.Future, inner);
                case "list":
                    return (ReturnKind.List, inner);
                case "handle":
                    return (ReturnKind.Handle, inner);
                default:
                    Report(DiagnosticDescriptors.UnknownConstruct, range, $"the returns of {construct} must be empty, text, stream, download, json, a type, list<T>, future<T> or handle<H>, not '{returns}'");
                    return (ReturnKind.Empty, null);
            }
        }

        return (ReturnKind.Type, returns);
    }

    /// <summary>An optional object whose members are all strings, in written order; other members are reported.</summary>
    private List<T> StringEntries<T>(Dictionary<string, JsonPropertySyntax> properties, string key, string construct, string eachMember,
        System.Func<string, string, T> create)
    {
        var entries = new List<T>();
        var what = $"the {key} of {construct}";
        if (properties.TryGetValue(key, out var property) && AsObject(property.Value, what) is { } syntax)
        {
            foreach (var entry in Entries(syntax, what))
            {
                if (entry.Value is JsonStringSyntax text)
                {
                    entries.Add(create(entry.Key, text.Value));
                }
                else
                {
                    Report(DiagnosticDescriptors.UnknownConstruct, entry.Value.Range, $"each member of {what} {eachMember}");
                }
            }
        }

        return entries;
    }

    private JsonObjectSyntax? AsObject(JsonSyntax syntax, string what)
    {
        if (syntax is JsonObjectSyntax obj)
        {
            return obj;
        }

        Report(DiagnosticDescriptors.UnknownConstruct, syntax.Range, $"{what} must be a JSON object, not a {syntax.KindName}");
        return null;
    }

    /// <summary>The members of an object in written order (names of types, fields, parameters...), each key once; repeated keys are reported.</summary>
    private List<JsonPropertySyntax> Entries(JsonObjectSyntax syntax, string construct)
    {
        var unique = Properties(syntax, construct, allowed: null);
        return syntax.Properties.Where(p => unique.TryGetValue(p.Key, out var first) && ReferenceEquals(first, p)).ToList();
    }

    /// <summary>The members of an object by key; reports keys not in <paramref name="allowed"/> (when given) and repeated keys.</summary>
    private Dictionary<string, JsonPropertySyntax> Properties(JsonObjectSyntax syntax, string construct, string[]? allowed)
    {
        var result = new Dictionary<string, JsonPropertySyntax>();
        foreach (var property in syntax.Properties)
        {
            if (allowed is not null && !allowed.Contains(property.Key))
            {
                Report(DiagnosticDescriptors.UnknownConstruct, property.KeyRange, $"'{property.Key}' is not a construct of {construct}; expected one of: {string.Join(", ", allowed)}");
                continue;
            }

            if (result.ContainsKey(property.Key))
            {
                Report(DiagnosticDescriptors.DuplicateName, property.KeyRange, $"in {construct}, the key", property.Key);
                continue;
            }

            result.Add(property.Key, property);
        }

        return result;
    }

    private string? OptionalString(Dictionary<string, JsonPropertySyntax> properties, string key) => OptionalString(properties, key, out _);

    private string? OptionalString(Dictionary<string, JsonPropertySyntax> properties, string key, out TextRange? range)
    {
        range = null;
        if (!properties.TryGetValue(key, out var property))
        {
            return null;
        }

        range = property.Value.Range;
        if (property.Value is JsonStringSyntax text)
        {
            return text.Value;
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'{key}' must be a string, not a {property.Value.KindName}");
        return null;
    }

    private string? RequiredString(Dictionary<string, JsonPropertySyntax> properties, string key, string construct, TextRange ownerRange, out TextRange range)
    {
        range = ownerRange;
        if (!properties.ContainsKey(key))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, ownerRange, $"{construct} has no '{key}'");
            return null;
        }

        var value = OptionalString(properties, key, out var valueRange);
        range = valueRange ?? ownerRange;
        return value;
    }

    private bool? OptionalBool(Dictionary<string, JsonPropertySyntax> properties, string key)
    {
        if (!properties.TryGetValue(key, out var property))
        {
            return null;
        }

        if (property.Value is JsonBooleanSyntax flag)
        {
            return flag.Value;
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'{key}' must be true or false, not a {property.Value.KindName}");
        return null;
    }

    private string? Since(Dictionary<string, JsonPropertySyntax> properties)
    {
        var since = OptionalString(properties, "since", out var range);
        if (since is not null && !VersionNumber.TryParse(since, out _))
        {
            Report(DiagnosticDescriptors.UnknownConstruct, range!.Value, $"'{since}' is not a DSS version such as \"13.2\" or \"12.4.0\"");
            return null;
        }

        return since;
    }

    private EquatableArray<string> StringList(Dictionary<string, JsonPropertySyntax> properties, string key, string construct)
    {
        if (!properties.TryGetValue(key, out var property))
        {
            return EquatableArray<string>.Empty;
        }

        if (property.Value is JsonArraySyntax array && array.Items.All(item => item is JsonStringSyntax))
        {
            return array.Items.Cast<JsonStringSyntax>().Select(item => item.Value).ToEquatableArray();
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'{key}' of {construct} must be an array of strings");
        return EquatableArray<string>.Empty;
    }

    private bool CheckIdentifier(string name, TextRange range)
    {
        if (IsValidIdentifier(name))
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidIdentifier, range, name);
        return false;
    }

    public static bool IsValidIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
        && name is not ("value" or "var" or "dynamic");

    /// <summary>The default .NET name of a wire name: "authMethod" → "AuthMethod", "API_KEYS" → "ApiKeys".</summary>
    public static string NameFromWire(string wire)
    {
        var builder = new System.Text.StringBuilder(wire.Length);
        var upperNext = true;
        var allCaps = wire.ToUpperInvariant() == wire;
        foreach (var c in wire)
        {
            if (c is '_' or '-' or '.' or ' ')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : allCaps ? char.ToLowerInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }

    private static string KindWord(ObjectKind kind) => kind switch
    {
        ObjectKind.Record => "record",
        ObjectKind.Settings => "settings",
        _ => "union",
    };
}
