using DssApi;
using Microsoft.Extensions.Configuration;

namespace Acme.Design.Config;

/// <summary>Applies the "ApiServices" section of appsettings.json to DSS.</summary>
public sealed class ConfigDrivenDesign(DssClient client, IConfiguration configuration)
{
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        foreach (var section in configuration.GetSection("ApiServices").GetChildren())
        {
            var service = client.GetProject(section["Project"]!).GetApiService(section.Key);
            var settings = await service.GetSettingsAsync(cancellationToken);

            settings.Description = section["Description"] ?? settings.Description;
            settings.AuthMethod = section["Auth"] switch
            {
                "keys" => AuthMethod.ApiKeys,
                "public" => AuthMethod.Public,
                _ => settings.AuthMethod,
            };

            foreach (var endpoint in section.GetSection("Endpoints").GetChildren())
            {
                if (settings.Endpoints.Any(e => e.Id == endpoint.Key))
                {
                    continue;
                }

                _ = endpoint["Kind"] switch
                {
                    "clustering" => (Endpoint)settings.AddClusteringEndpoint(endpoint.Key, endpoint["Model"]!),
                    "forecast" => settings.AddForecastingEndpoint(endpoint.Key, endpoint["Model"]!),
                    _ => settings.AddPredictionEndpoint(endpoint.Key, endpoint["Model"]!),
                };
            }

            await settings.SaveAsync(cancellationToken);
        }
    }

    public async Task ApplyOneAsync(string projectKey, string serviceId, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection($"ApiServices:{serviceId}");
        var settings = await client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync(cancellationToken);
        var (name, description) = (section["Name"], section["Description"]);
        (settings.Name, settings.Description) = (name, description);
        await settings.SaveAsync(cancellationToken);
    }

    public async Task ValidateAsync(string projectKey, string serviceId, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection($"ApiServices:{serviceId}");
        var settings = await client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync(cancellationToken);
        var expected = section["Description"];
        if (expected != settings.Description)
        {
            throw new InvalidOperationException($"{serviceId}: description drifted from configuration");
        }

        await settings.SaveAsync(cancellationToken); // expect: DSS1001
    }
}
