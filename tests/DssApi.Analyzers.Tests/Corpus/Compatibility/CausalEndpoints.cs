// DssApiTargetVersion: 12.0
using DssApi;

namespace Acme.Uplift.Design;

/// <summary>Uplift models are served as causal prediction endpoints (DSS 12.4).</summary>
public sealed class CausalEndpoints(DssApiService service, Version dssVersion)
{
    public async Task AddAsync(string endpointId, string savedModelId)
    {
        var settings = await service.GetSettingsAsync();
        settings.AddCausalPredictionEndpoint(endpointId, savedModelId, computePropensity: true); // expect: DSS1011
        await settings.SaveAsync();
    }

    public async Task AddGuardedAsync(string endpointId, string savedModelId)
    {
        if (dssVersion < new Version(12, 4))
        {
            throw new NotSupportedException("causal endpoints need DSS 12.4");
        }

        var settings = await service.GetSettingsAsync();
        settings.AddCausalPredictionEndpoint(endpointId, savedModelId);
        await settings.SaveAsync();
    }

    public async Task<int> CountAsync()
    {
        var settings = await service.GetSettingsAsync();
        return settings.Endpoints.Count(e => e.Type == EndpointType.StandardCausalPrediction);
    }

    public async Task<IReadOnlyList<string>> ListAsync()
    {
        var settings = await service.GetSettingsAsync();
        return settings.Endpoints.OfType<CausalPredictionEndpoint>().Select(e => e.Id ?? "").ToList();
    }

    public async Task AddAllAsync(IEnumerable<(string Endpoint, string Model)> models)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var (endpoint, model) in models)
        {
            if (dssVersion >= new Version(12, 4))
            {
                settings.AddCausalPredictionEndpoint(endpoint, model);
            }
            else
            {
                settings.AddPredictionEndpoint(endpoint, model);
            }
        }

        await settings.SaveAsync();
    }
}
