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

// Handles, clients, factories and routes, with their once-only checks and job recovery.
internal sealed partial class SchemaMerger
{
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
        routes = UniqueMembers(routes.ToEquatableArray(), r => r.Name + "Async", r => r.Location, taken).ToList();
        if (handle.Name == "DssApiNodeClient" && factories.Count > 0)
        {
            Report(DiagnosticDescriptors.UnknownConstruct, factories[0].Location, "the API node client has no factories: handles and futures belong to DssClient");
            factories.Clear();
        }

        if (_slowRouteTimeout is null)
        {
            routes = routes.Select(r => r.Slow ? NotSlow(r, handle.Name) : r).ToList();
        }

        var slowRouteTimeout = routes.Any(r => r.Slow) ? _slowRouteTimeout?.Seconds : null;
        return new HandleItem(handle with { Identity = identity, Factories = factories.ToEquatableArray(), Routes = routes.ToEquatableArray() }, references.ToArray(), slowRouteTimeout);
    }

    private RouteDef NotSlow(RouteDef route, string owner)
    {
        Report(DiagnosticDescriptors.UnknownConstruct, route.Location,
            $"route '{route.Name}' of '{owner}' is slow, so a schema file needs 'slowRouteTimeoutSeconds': the per-attempt timeout of slow routes when the client's options give none");
        return route with { Slow = false };
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
            || (route.Recover is { } recover && !CheckRecover(route, recover, available, $"{owner}.{route.Name}")))
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
        if (route.Method != "POST" || route.Returns is ReturnKind.Text or ReturnKind.Stream or ReturnKind.Download
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
}
