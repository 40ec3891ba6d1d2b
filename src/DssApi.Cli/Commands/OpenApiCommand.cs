using System.CommandLine;
using System.Text.Json.Nodes;
using DssApi.Typed;

namespace DssApi.Cli.Commands;

/// <summary><c>dssapi openapi pull</c>: the OpenAPI document of a deployed service, the input of a typed client.</summary>
internal static class OpenApiCommand
{
    public static Command Create(CliContext cli)
    {
        var deployment = new Argument<string>("deployment") { Description = "The deployment whose service is described." };
        var file = new Option<string?>("--file", "-o") { Description = "The file to write, replaced if it exists (default <deployment>.openapi.json)." };
        var pull = new Command("pull", "Write the OpenAPI document of a deployment's service to a file (DSS 12.5 and later).") { deployment, file };
        cli.SetAction(pull, async (parse, client, cancellationToken) =>
        {
            var deploymentId = parse.GetValue(deployment)!;
            var path = parse.GetValue(file) ?? $"{deploymentId}.openapi.json";
            await DssOpenApiDocument.SaveAsync(client, deploymentId, path, cancellationToken);
            return cli.Done(parse, new JsonObject { ["deployment"] = deploymentId, ["file"] = Path.GetFullPath(path) },
                $"Wrote the OpenAPI document of deployment {deploymentId} to {path}.");
        });
        return new Command("openapi", "OpenAPI documents of deployed services.") { pull };
    }
}
