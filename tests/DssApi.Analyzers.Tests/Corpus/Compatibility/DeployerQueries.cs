// DssApiTargetVersion: 13.0
using System.Text.Json.Nodes;
using DssApi;

namespace Acme.Scoring.Checks;

/// <summary>Smoke queries run through the deployer after each update.</summary>
public sealed class DeployerQueries(DssApiDeployerDeployment deployment, Version dss)
{
    public async Task<JsonNode?> QueryAsync(JsonObject features)
    {
        var queries = new[] { new TestQuery { Name = "smoke", Query = new EndpointQuery { Features = features } } };
        return await deployment.RunQueriesAsync(queries); // expect: DSS1011
    }

    public async Task<JsonNode?> QueryGuardedAsync(JsonObject features)
    {
        if (dss < new Version(14, 1))
        {
            return null;
        }

        var queries = new[] { new TestQuery { Name = "smoke", Query = new EndpointQuery { Features = features } } };
        return await deployment.RunQueriesAsync(queries);
    }

    public async Task<int> RunStoredTestsAsync()
    {
        var result = await deployment.RunTestQueriesAsync();
        return result.Responses.Count;
    }

    public async Task<string> OpenApiAsync()
    {
        var document = await deployment.GetOpenApiAsync();
        return document.ToString();
    }

    public async Task<IReadOnlyList<JsonNode?>> QueryEachAsync(IEnumerable<JsonObject> records)
    {
        var results = new List<JsonNode?>();
        foreach (var record in records)
        {
            if (dss < new Version(14, 1))
            {
                break;
            }

            results.Add(await deployment.RunQueriesAsync([new TestQuery { Query = new EndpointQuery { Features = record } }]));
        }

        return results;
    }

    public async Task<IReadOnlyList<JsonNode?>> QueryEachUnguardedAsync(IEnumerable<JsonObject> records)
    {
        var results = new List<JsonNode?>();
        foreach (var record in records)
        {
            if (dss < new Version(13, 0))
            {
                continue;
            }

            results.Add(await deployment.RunQueriesAsync([new TestQuery { Query = new EndpointQuery { Features = record } }])); // expect: DSS1011
        }

        return results;
    }
}
