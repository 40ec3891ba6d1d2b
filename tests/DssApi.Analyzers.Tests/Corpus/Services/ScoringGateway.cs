using System.Text.Json.Nodes;
using DssApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Acme.Gateway;

/// <summary>The gateway in front of every deployed scoring service: one API node client per service.</summary>
public sealed class ScoringGateway : IDisposable
{
    private readonly Dictionary<string, DssApiNodeClient> _clients = new();
    private readonly IConfiguration _configuration;
    private readonly ILogger<ScoringGateway> _logger;

    public ScoringGateway(IConfiguration configuration, ILogger<ScoringGateway> logger)
    {
        _configuration = configuration;
        _logger = logger;
    }

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ScoringGateway>();
        services.AddDssClient(configuration.GetSection("Dss"));
    }

    public async Task<JsonNode?> ScoreAsync(string serviceId, string endpointId, JsonObject features, CancellationToken cancellationToken)
    {
        var client = ClientFor(serviceId);
        var response = await client.PredictRecordAsync(endpointId, features, cancellationToken: cancellationToken);
        _logger.LogDebug("{Service}/{Endpoint} answered by {Generation}", serviceId, endpointId, response.ApiContext?.ServiceGeneration);
        return response.Result?.Prediction;
    }

    public async Task<IReadOnlyList<JsonNode?>> LookupAsync(string serviceId, string endpointId, IEnumerable<JsonNode?> records, CancellationToken cancellationToken)
    {
        var response = await ClientFor(serviceId).LookupRecordsAsync(endpointId, records, cancellationToken);
        return response.Results.Select(r => r.Data).ToList();
    }

    private DssApiNodeClient ClientFor(string serviceId)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(serviceId, out var client))
            {
                client = new DssApiNodeClient(new DssApiNodeClientOptions
                {
                    Url = new Uri(_configuration["ApiNode:Url"]!),
                    ServiceId = serviceId,
                    ApiKey = _configuration[$"ApiNode:Keys:{serviceId}"],
                    Timeout = TimeSpan.FromSeconds(5),
                });
                _clients[serviceId] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
