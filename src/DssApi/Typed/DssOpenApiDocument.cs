
namespace DssApi.Typed;

/// <summary>Saves the OpenAPI document of a deployed service, the file the generator turns into a typed client.</summary>
public static class DssOpenApiDocument
{
    /// <summary>
    /// Writes the OpenAPI document of a deployment's service to a file, as DSS sends it (DSS 12.5 and later);
    /// add the file to the project with <c>DssApiServiceClient="Name"</c> to get <c>NameClient</c>.
    /// </summary>
    /// <param name="client">The DSS client.</param>
    /// <param name="deploymentId">The deployment whose service is described.</param>
    /// <param name="path">The file to write, replaced if it exists.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="DssApiException">DSS refused, for instance 404 when the service has no OpenAPI document.</exception>
    public static async Task SaveAsync(DssClient client, string deploymentId, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var request = new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{deploymentId}/get-open-api", deploymentId);
        var document = await client.Pipeline.SendForTextAsync(request, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(path, document, cancellationToken).ConfigureAwait(false);
    }
}
