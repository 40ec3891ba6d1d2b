// DssApiTargetVersion: 12.0
using DssApi;

namespace Acme.Platform.Compat;

/// <summary>The platform still supports the DSS 12.0 servers of two business units.</summary>
public sealed class LegacyServerSupport(DssClient client, Version serverVersion)
{
    public async Task<string?> OpenApiAsync(string deploymentId)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        if (serverVersion >= new Version(12, 5))
        {
            return (await deployment.GetOpenApiAsync()).ToString();
        }

        return null;
    }

    public async Task<string> OpenApiUncheckedAsync(string deploymentId)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var document = await deployment.GetOpenApiAsync(); // expect: DSS1011
        return document.ToString();
    }

    public async Task<int> TestAsync(string deploymentId)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        var result = await deployment.RunTestQueriesAsync(); // expect: DSS1011
        return result.Responses.Count;
    }

    public async Task<int> TestIfPossibleAsync(string deploymentId)
    {
        var deployment = client.GetApiDeployer().GetDeployment(deploymentId);
        if (new Version(13, 0) <= serverVersion)
        {
            var result = await deployment.RunTestQueriesAsync();
            return result.Responses.Count;
        }

        return -1;
    }

    public async Task<DssApiDeployerInfra> CreateDatabricksAsync(string infraId)
    {
        var deployer = client.GetApiDeployer();
        return await deployer.CreateInfraAsync(infraId, "Production", InfraType.Databricks); // expect: DSS1011
    }

    public async Task<bool> IsDatabricksAsync(string infraId)
    {
        var settings = await client.GetApiDeployer().GetInfra(infraId).GetSettingsAsync();
        return settings.Type == InfraType.Databricks || settings is DatabricksInfraSettings;
    }

    public async Task ExportVersionAsync(string serviceId, string version, string path)
    {
        var service = client.GetApiDeployer().GetService(serviceId);
        await service.DownloadVersionToFileAsync(version, path); // expect: DSS1011
    }

    public async Task ExportVersionCheckedAsync(string serviceId, string version, string path)
    {
        var service = client.GetApiDeployer().GetService(serviceId);
        if (serverVersion.Major > 13 || (serverVersion.Major == 13 && serverVersion.Minor >= 5))
        {
            Console.WriteLine("checked by hand");
        }

        if (serverVersion >= new Version(13, 5) && File.Exists(path) == false)
        {
            await service.DownloadVersionToFileAsync(version, path);
        }
    }
}
