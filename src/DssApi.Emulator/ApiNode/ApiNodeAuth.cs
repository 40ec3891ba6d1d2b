using System.Text.Json.Nodes;
using DssApi.Emulator.Designer;
using DssApi.Emulator.Hosting;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// Per-service authentication on the API node: the deployment's <c>auth</c> override when it sets one,
/// else the auth method and query keys the service had in the API Designer.
/// </summary>
internal static class ApiNodeAuth
{
    public static string Method(JsonObject deploymentSettings, PackageContent content) =>
        deploymentSettings["auth"]?["authMode"]?.GetValue<string>() is { } mode && mode != "INHERIT_DEV"
            ? mode
            : content.Service["authMethod"]?.GetValue<string>() ?? "PUBLIC";

    /// <summary>Rejects the request (401) unless the service is public or the request presents one of its keys.</summary>
    public static void Require(HttpRequest request, JsonObject deploymentSettings, PackageContent content)
    {
        if (Method(deploymentSettings, content) == "PUBLIC")
        {
            return;
        }

        ApiKeyCredentials.Require(request, Keys(content.Service["authRealm"]?["queryKeys"])
            .Concat(Keys(deploymentSettings["auth"]?["apiKeys"])));
    }

    private static IEnumerable<string> Keys(JsonNode? entries) =>
        (entries as JsonArray ?? []).Select(entry => entry?["key"]?.GetValue<string>()).OfType<string>();
}
