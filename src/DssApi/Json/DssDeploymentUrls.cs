using System.ComponentModel;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>Where a deployment serves queries, from its light and heavy status (the schema's computed member).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssDeploymentUrls
{
    /// <summary>
    /// The URLs of the deployed service: one per API node on static infrastructures, else the
    /// public URL. The service id is the deployed service id when DSS sent one, else the published one.
    /// </summary>
    /// <param name="status">A JSON object holding the light status under <c>light</c> and the heavy status under <c>heavy</c>.</param>
    /// <returns>The service URLs, ending with <c>/public/api/v1/{serviceId}</c>.</returns>
    /// <exception cref="InvalidOperationException">When no URL is known yet, as while a deployment starts.</exception>
    public static IReadOnlyList<string> GetServiceUrls(JsonObject status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var basicInfo = status["light"]?["deploymentBasicInfo"] as JsonObject;
        var serviceId = basicInfo is not null && basicInfo.ContainsKey("deployedServiceId")
            ? DssJson.AsString(basicInfo["deployedServiceId"])
            : DssJson.AsString(basicInfo?["publishedServiceId"]);
        var heavy = status["heavy"] as JsonObject;
        if (heavy?["apiNodes"] is JsonArray nodes)
        {
            return nodes.Select(node => $"{DssJson.AsString(node?["url"])}/public/api/v1/{serviceId}").ToList();
        }

        if (heavy is not null && heavy.ContainsKey("publicURL"))
        {
            return [$"{DssJson.AsString(heavy["publicURL"])}/public/api/v1/{serviceId}"];
        }

        throw new InvalidOperationException("The public URL of this deployment is not available yet; it may still be starting.");
    }
}
