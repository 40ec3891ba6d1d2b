using System.Text.Json.Nodes;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Futures;

/// <summary>The <c>/futures</c> routes: list, peek, consuming read and abort (dss-protocol §3.2).</summary>
internal static class FutureRoutes
{
    public static void Map(RouteTable routes, FutureRegistry futures)
    {
        routes.MapPublicApi("GET", "futures", request =>
        {
            // Every emulator future is a non-scenario job.
            var states = request.QueryBool("withNotScenarios", defaultValue: true)
                ? futures.List().Select(job => (JsonNode)job.PeekState()).ToArray()
                : [];
            return DssResponse.Json(new JsonArray(states));
        });

        routes.MapPublicApi("GET", "futures/{jobId}", request =>
        {
            var jobId = request.Route("jobId");
            var state = request.QueryBool("peek", defaultValue: false)
                ? futures.Get(jobId).PeekState()
                : futures.Consume(jobId);
            return DssResponse.Json(state);
        });

        routes.MapPublicApi("DELETE", "futures/{jobId}", request =>
        {
            futures.Get(request.Route("jobId")).RequestAbort();
            return DssResponse.Empty;
        });
    }
}
