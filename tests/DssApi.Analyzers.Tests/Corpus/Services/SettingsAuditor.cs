using DssApi;
using Microsoft.Extensions.Logging;

namespace Acme.Governance;

/// <summary>Reports API services that break the naming and auth rules of the platform team.</summary>
public sealed class SettingsAuditor(DssClient client, ILogger<SettingsAuditor> logger)
{
    public async Task<int> AuditAsync(string projectKey, CancellationToken cancellationToken)
    {
        var findings = 0;
        var project = client.GetProject(projectKey);
        foreach (var item in await project.ListApiServicesAsync(cancellationToken))
        {
            var settings = await item.ToApiService().GetSettingsAsync(cancellationToken);
            if (settings.PublicAccess == true)
            {
                logger.LogWarning("{Service} is public", item.Id);
                findings++;
            }

            if (string.IsNullOrEmpty(settings.Description))
            {
                logger.LogWarning("{Service} has no description", item.Id);
                findings++;
            }
        }

        return findings;
    }

    public async Task FixAsync(string projectKey, string serviceId, CancellationToken cancellationToken)
    {
        var settings = await client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync(cancellationToken);
        logger.LogInformation("Fixing {Settings}", settings);
        if (settings.PublicAccess == true)
        {
            settings.PublicAccess = false;
        }

        await settings.SaveAsync(cancellationToken);
    }

    public async Task ReportOnlyAsync(string projectKey, string serviceId, CancellationToken cancellationToken)
    {
        var settings = await client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync(cancellationToken);
        logger.LogInformation("Settings of {Service}: {Settings}", serviceId, settings);
        var isPublic = settings.PublicAccess ?? false;
        logger.LogInformation("Public: {Public}", isPublic);
        await settings.SaveAsync(cancellationToken); // expect: DSS1001
    }

    public async Task EnforceAuthAsync(string projectKey, string serviceId, bool strict, CancellationToken cancellationToken)
    {
        var settings = await client.GetProject(projectKey).GetApiService(serviceId).GetSettingsAsync(cancellationToken);
        settings.PublicAccess = strict ? false : settings.PublicAccess;
        await settings.SaveAsync(cancellationToken);
    }
}
