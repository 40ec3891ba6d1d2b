namespace DssApi.Emulator.Routing;

/// <summary>Handles one matched route.</summary>
internal delegate Task<DssResponse> RouteHandler(DssRequest request);

/// <summary>Who may call a route.</summary>
internal enum RouteAudience
{
    /// <summary>The DSS public API, for any of its keys.</summary>
    PublicApi,

    /// <summary>The DSS public API, for the admin key only.</summary>
    AdminApi,

    /// <summary>The API node user API, authenticated per service.</summary>
    ApiNode,
}

/// <summary>
/// Route matching on the raw, still-encoded path: split on '/', drop empty segments (so trailing and
/// doubled slashes are tolerated), then percent-decode each segment, so an id may contain an encoded '/'.
/// ASP.NET routing cannot do this because it decodes before splitting.
/// </summary>
internal sealed class RouteTable
{
    /// <summary>The DSS public API is served under its servlet path and under the documented alias.</summary>
    private static readonly string[][] PublicApiPrefixes = [["dip", "publicapi"], ["public", "api"]];

    /// <summary>The API node user API; every other path belongs to the public API and needs one of its keys.</summary>
    private static readonly string[] ApiNodePrefix = ["public", "api", "v1"];

    private readonly List<Route> _routes = [];

    /// <summary>Registers a DSS public API route (relative to <c>/dip/publicapi</c> and <c>/public/api</c>).</summary>
    public void MapPublicApi(string method, string template, RouteHandler handler) =>
        MapUnderPublicApiPrefixes(RouteAudience.PublicApi, method, template, handler);

    /// <summary>Registers a DSS public API route whose handler answers without awaiting anything.</summary>
    public void MapPublicApi(string method, string template, Func<DssRequest, DssResponse> handler) =>
        MapPublicApi(method, template, Synchronous(handler));

    /// <summary>Registers a DSS public API route that only the admin key may call.</summary>
    public void MapAdminApi(string method, string template, RouteHandler handler) =>
        MapUnderPublicApiPrefixes(RouteAudience.AdminApi, method, template, handler);

    /// <summary>Registers an admin-only DSS public API route whose handler answers without awaiting anything.</summary>
    public void MapAdminApi(string method, string template, Func<DssRequest, DssResponse> handler) =>
        MapAdminApi(method, template, Synchronous(handler));

    /// <summary>Registers an API node route (absolute template under <c>public/api/v1/</c>).</summary>
    public void MapApiNode(string method, string template, RouteHandler handler)
    {
        var segments = template.Split('/');
        if (!segments.AsSpan().StartsWith(ApiNodePrefix))
        {
            throw new ArgumentException($"API node routes live under {string.Join('/', ApiNodePrefix)}/", nameof(template));
        }

        _routes.Add(new Route(method, RouteAudience.ApiNode, segments, handler));
    }

    /// <summary>Registers an API node route whose handler answers without awaiting anything.</summary>
    public void MapApiNode(string method, string template, Func<DssRequest, DssResponse> handler) =>
        MapApiNode(method, template, Synchronous(handler));

    private static RouteHandler Synchronous(Func<DssRequest, DssResponse> handler) => request => Task.FromResult(handler(request));

    private void MapUnderPublicApiPrefixes(RouteAudience audience, string method, string template, RouteHandler handler)
    {
        foreach (var prefix in PublicApiPrefixes)
        {
            _routes.Add(new Route(method, audience, [.. prefix, .. template.Split('/')], handler));
        }
    }

    /// <summary>
    /// Whether a request is for the API node user API, which authenticates per service; anything else is
    /// the public API, whose key is checked before any route is matched.
    /// </summary>
    public static bool IsApiNodePath(string rawTarget) => Segments(rawTarget).AsSpan().StartsWith(ApiNodePrefix);

    /// <summary>The route and decoded values for a request, or a 404/405 <see cref="DssError"/>.</summary>
    public RouteMatch Match(string method, string rawTarget)
    {
        var segments = Segments(rawTarget);
        var pathMatched = false;
        foreach (var route in _routes)
        {
            var values = route.TryMatch(segments);
            if (values is null)
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteMatch(route.Audience, route.Handler, values);
            }

            pathMatched = true;
        }

        throw pathMatched
            ? DssError.MethodNotSupported(method)
            : DssError.NotFound($"No API route for {method} {RawPath(rawTarget)}");
    }

    private static string RawPath(string rawTarget) => rawTarget.Split('?', 2)[0];

    private static string[] Segments(string rawTarget) =>
        RawPath(rawTarget).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

    private sealed record Route(string Method, RouteAudience Audience, string[] Template, RouteHandler Handler)
    {
        public Dictionary<string, string>? TryMatch(string[] segments)
        {
            if (segments.Length != Template.Length)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < segments.Length; i++)
            {
                var part = Template[i];
                if (part.StartsWith('{'))
                {
                    values[part[1..^1]] = segments[i];
                }
                else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
                {
                    return null;
                }
            }

            return values;
        }
    }
}

/// <summary>A matched route with its decoded path values.</summary>
internal sealed record RouteMatch(RouteAudience Audience, RouteHandler Handler, IReadOnlyDictionary<string, string> Values);
