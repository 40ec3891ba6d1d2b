using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Json;
using DssApi.Generator.Model;

namespace DssApi.Generator.Schema;

// Handles, runtime clients and their factories.
internal sealed partial class SchemaReader
{
    private static readonly string[] HandleKeys = ["description", "identity", "factories", "routes"];
    private static readonly string[] ClientKeys = ["description", "factories", "routes"];
    private static readonly string[] FactoryKeys = ["description", "since", "handle", "future", "params"];

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
}
