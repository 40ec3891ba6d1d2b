using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;

namespace DssApi.Generator.Schema;

// Routes and their parameters, once-only checks and job recovery.
internal sealed partial class SchemaReader
{
    private static readonly string[] ParamKeys = ["type", "optional", "default", "description", "nonEmpty", "sumsToOne", "itemsHave", "ignoredForInfraTypes"];
    private static readonly string[] RouteKeys = ["description", "since", "method", "path", "params", "query", "body", "file", "returns", "returnsDescription", "pick", "downloadTo", "combine", "effects", "infraTypes", "once", "recover", "guard", "slow"];
    private static readonly string[] GuardKeys = ["read", "when", "unless", "message", "fix"];
    private static readonly string[] GuardFixKeys = ["settings", "set"];
    private static readonly string[] OnceKeys = ["exists", "lists", "in", "fallbacks", "check"];
    private static readonly string[] RecoverKeys = ["from", "status", "succeeded", "failed"];
    private static readonly string[] SaveKeys = ["description", "method", "path", "params", "query"];
    private static readonly string[] FileKeys = ["content", "fileName"];
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    private static readonly string[] KnownEffects = ["createsDeployment", "startsDeployment"];

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
            OptionalString(properties, "returnsDescription"),
            Since(properties),
            effects.Where(KnownEffects.Contains).ToEquatableArray(),
            StringList(properties, "infraTypes", construct),
            properties.TryGetValue("once", out var onceProperty) ? ReadOnce(onceProperty, construct) : null,
            properties.TryGetValue("recover", out var recoverProperty) ? ReadRecover(recoverProperty, construct) : null,
            properties.TryGetValue("guard", out var guardProperty) ? ReadGuard(guardProperty, construct) : null,
            OptionalBool(properties, "slow") ?? false,
            value.ToJsonText(),
            At(nameRange),
            At(pathRange));
    }

    private SlowRouteTimeout? ReadSlowRouteTimeout(JsonPropertySyntax property)
    {
        if (property.Value is JsonNumberSyntax { IsInteger: true } number && int.TryParse(number.Text, out var seconds) && seconds > 0)
        {
            return new SlowRouteTimeout(seconds, At(property.KeyRange));
        }

        Report(DiagnosticDescriptors.UnknownConstruct, property.Value.Range, $"'slowRouteTimeoutSeconds' must be a whole number of seconds above 0, not {property.Value.ToJsonText()}");
        return null;
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
}
