using DssApi;

namespace Acme.Scoring.Deploy;

/// <summary>Designs, packages and deploys the churn service: the nightly job of the scoring team.</summary>
public sealed class ChurnPipeline
{
    private readonly DssClient _client;
    private readonly string _projectKey;

    public ChurnPipeline(DssClient client, string projectKey)
    {
        _client = client;
        _projectKey = projectKey;
    }

    public async Task RunAsync(string version, CancellationToken cancellationToken)
    {
        var service = _client.GetProject(_projectKey).GetApiService("churn");
        var settings = await service.GetSettingsAsync(cancellationToken);
        if (!settings.Endpoints.Any(e => e.Id == "predict"))
        {
            settings.AddPredictionEndpoint("predict", "churn_model");
        }

        settings.Description = $"Churn scoring, package {version}";
        await settings.SaveAsync(cancellationToken);

        await service.CreatePackageAsync(version, releaseNotes: "nightly build", cancellationToken: cancellationToken);
        await service.PublishPackageAsync(version, cancellationToken: cancellationToken);

        var deployment = _client.GetApiDeployer().GetDeployment("churn-prod");
        var deploymentSettings = await deployment.GetSettingsAsync(cancellationToken);
        deploymentSettings.SetSingleVersion(version);
        await deploymentSettings.SaveAsync(cancellationToken: cancellationToken);

        var update = await deployment.StartUpdateAsync(cancellationToken);
        var result = await update.WaitForCompletionAsync(cancellationToken);
        Console.WriteLine($"{result?.SucceededNodeCount ?? 0} nodes updated");
    }

    public async Task RedeployAsync(CancellationToken cancellationToken)
    {
        var deployment = _client.GetApiDeployer().GetDeployment("churn-prod");
        await deployment.StartUpdateAsync(cancellationToken); // expect: DSS1003
        Console.WriteLine("redeploy requested");
    }
}
