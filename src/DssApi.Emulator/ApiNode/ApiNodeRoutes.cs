using System.Text.Json.Nodes;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// The API node user API, <c>/public/api/v1/{service}/{endpoint}/{verb}</c> (dss-protocol §4).
/// Served packages are read under the state lock, like everything else in the state.
/// </summary>
internal static class ApiNodeRoutes
{
    private const string EndpointVerb = "public/api/v1/{serviceId}/{endpointId}/{verb}";

    public static void Map(RouteTable routes, EmulatorContext context)
    {
        routes.MapApiNode("POST", EndpointVerb, async request =>
        {
            var served = Authorize(context, request);
            var text = await request.ReadBodyTextAsync();

            // The Python client sends no body at all for run() without arguments.
            var body = string.IsNullOrWhiteSpace(text) ? [] : DssJson.ParseObject(text, "request body");
            return Answer(context, request, served, body, text);
        });

        // Function and SQL endpoints also take their parameters from the query string.
        routes.MapApiNode("GET", EndpointVerb, request =>
        {
            if (request.Route("verb") is not ("run" or "query"))
            {
                throw DssError.MethodNotSupported("GET");
            }

            var served = Authorize(context, request);
            var body = new JsonObject(request.Http.Request.Query.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value.ToString())));
            return Answer(context, request, served, body, request.Http.Request.QueryString.Value ?? "");
        });
    }

    /// <summary>Finds the served service and checks the caller's key before the body is even read, as the API node does.</summary>
    private static ServedService Authorize(EmulatorContext context, DssRequest request)
    {
        if (!ApiNodeExecutor.Verbs.Contains(request.Route("verb")))
        {
            throw DssError.NotFound($"No API node route for {request.Route("verb")}");
        }

        return context.Store.Read(state =>
        {
            var served = ServedService.Find(context, state, request.Route("serviceId"));
            ApiNodeAuth.Require(request.Http.Request, served.Snapshot.Settings, served.PrimaryGeneration);
            return served;
        });
    }

    private static DssResponse Answer(EmulatorContext context, DssRequest request, ServedService served, JsonObject body, string fingerprint) =>
        DssResponse.Json(context.Store.Read(_ =>
            ApiNodeExecutor.Execute(served, request.Route("endpointId"), request.Route("verb"), body, fingerprint, context.Options.Seed, context.Demo)));
}
