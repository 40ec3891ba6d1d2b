// The whole API loop against DSS: design a service, package it, publish it, deploy it on an
// infrastructure, wait until it is healthy, call it, then roll a second version out to 10 % of
// the traffic. It runs against the DSS emulator started here, or against a real DSS when
// DSS_URL and DSS_API_KEY are set (with DSS_PROJECT, DSS_SAVED_MODEL and DSS_API_NODE_URL).

using DssApi;
using DssApi.Emulator;

// Against a real DSS every setting comes from the environment: name each one that is missing
// instead of failing later on an empty value.
if (Environment.GetEnvironmentVariable("DSS_URL") is not null)
{
    var missing = new Dictionary<string, string>
    {
        ["DSS_API_KEY"] = "an API key of that DSS",
        ["DSS_PROJECT"] = "the key of the project to create the API service in",
        ["DSS_SAVED_MODEL"] = "the id of a saved prediction model of that project",
        ["DSS_API_NODE_URL"] = "the URL of an API node to deploy on",
    }.Where(variable => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable.Key))).ToArray();
    if (missing.Length > 0)
    {
        Console.Error.WriteLine("DSS_URL is set, so the quickstart runs against that DSS and also needs:");
        foreach (var (name, what) in missing)
        {
            Console.Error.WriteLine($"  {name}: {what}");
        }

        return 2;
    }
}

await using var emulator = Environment.GetEnvironmentVariable("DSS_URL") is null ? await DssEmulator.StartAsync() : null;
var dssUrl = emulator?.Url ?? Environment.GetEnvironmentVariable("DSS_URL")!;
var apiKey = emulator?.AdminApiKey ?? Environment.GetEnvironmentVariable("DSS_API_KEY")!;
var projectKey = emulator?.DemoProjectKey ?? Environment.GetEnvironmentVariable("DSS_PROJECT")!;
var churnModel = emulator is null ? Environment.GetEnvironmentVariable("DSS_SAVED_MODEL")! : "churn_classifier";
var apiNodeUrl = emulator?.Url ?? Environment.GetEnvironmentVariable("DSS_API_NODE_URL")!;
Console.WriteLine(emulator is null ? $"Using DSS at {dssUrl}" : $"Started the DSS emulator at {dssUrl}");

using var client = new DssClient(dssUrl, apiKey);
var run = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
var serviceId = $"churn-{run}";

// 1. Design: an API service with a prediction endpoint and a clustering endpoint.
var service = await client.GetProject(projectKey).CreateApiServiceAsync(serviceId);
var settings = await service.GetSettingsAsync();
settings.AuthMethod = AuthMethod.Public;
settings.AddPredictionEndpoint("churn", churnModel);
if (emulator is not null)
{
    settings.AddClusteringEndpoint("segments", "customer_segments");
}

await settings.SaveAsync();
Console.WriteLine($"Created API service {serviceId} with endpoints {string.Join(", ", settings.Endpoints.Select(e => e.Id))}");

// 2. Package and publish version v1 to the API Deployer.
await service.CreatePackageAsync("v1", releaseNotes: "First version");
foreach (var package in await service.ListPackagesAsync())
{
    Console.WriteLine($"Package {package.Id} created at {DateTimeOffset.FromUnixTimeMilliseconds(package.CreatedOn ?? 0):u}");
}

await service.PublishPackageAsync("v1");

// 3. An infrastructure: a STATIC one, with one API node.
var deployer = client.GetApiDeployer();
var infraId = $"quickstart-{run}";
var infra = await deployer.CreateInfraAsync(infraId, "Development", InfraType.Static);
var infraSettings = await infra.GetSettingsAsync<StaticInfraSettings>();
infraSettings.AddApiNode(apiNodeUrl, apiKey);
await infraSettings.SaveAsync();
Console.WriteLine($"Created infrastructure {infraId} with API node {apiNodeUrl}");

// 4. Deploy v1 and wait until the update is done.
var deployment = await deployer.CreateDeploymentAsync($"{serviceId}-dev", serviceId, infraId, "v1");
await DeployAsync(deployment);

// 5. Call the deployed endpoint through the client generated from its OpenAPI document (churn.openapi.json).
var status = await deployment.GetStatusAsync();
foreach (var serviceUrl in status.GetServiceUrls())
{
    Console.WriteLine($"Service URL: {serviceUrl}");
}

var deployedServiceId = status.Light.DeploymentBasicInfo.DeployedServiceId ?? status.Light.DeploymentBasicInfo.PublishedServiceId;

using var churnScoring = new ChurnScoringClient(new DssApiNodeClientOptions { Url = new Uri(apiNodeUrl), ServiceId = deployedServiceId });
var customer = new ChurnScoringClient.ChurnFeatures
{
    TenureMonths = 10,
    MonthlyCharges = 70,
    Contract = ChurnScoringClient.ChurnContract.MonthToMonth,
    SupportCalls = 2,
};
var prediction = await churnScoring.Churn.PredictAsync(customer);
Console.WriteLine($"Prediction for {customer}: {prediction.Value.Prediction} " +
    $"(churn probability {prediction.Value.Probabilities?.Churn:0.000}, answered by {prediction.ApiContext?.ServiceGeneration})");

// 6. Version v2 returns explanations; send it 10 % of the traffic.
var v2Settings = await service.GetSettingsAsync();
var churnEndpoint = (PredictionEndpoint)v2Settings.Endpoints.Single(e => e.Id == "churn");
churnEndpoint.OutputExplanations = true;
await v2Settings.SaveAsync();
await service.CreatePackageAsync("v2", releaseNotes: "Explains its predictions");
await service.PublishPackageAsync("v2");

var deploymentSettings = await deployment.GetSettingsAsync();
deploymentSettings.SetTrafficSplit(TrafficSplitStrategy.Random,
[
    new GenerationEntry { Version = "v1", Probability = 0.9 },
    new GenerationEntry { Version = "v2", Probability = 0.1 },
]);
await deploymentSettings.SaveAsync();
await DeployAsync(deployment);

var answeredBy = new Dictionary<string, int>();
for (var i = 0; i < 200; i++)
{
    var response = await churnScoring.Churn.PredictAsync(customer with { TenureMonths = i });
    var version = response.ApiContext?.ServiceGeneration ?? "?";
    answeredBy[version] = answeredBy.GetValueOrDefault(version) + 1;
}

Console.WriteLine($"Traffic split over 200 queries: {string.Join(", ", answeredBy.OrderBy(v => v.Key).Select(v => $"{v.Key}: {v.Value}"))}");
Console.WriteLine("Done.");
return 0;

static async Task DeployAsync(DssApiDeployerDeployment deployment)
{
    var update = await deployment.StartUpdateAsync();
    var result = await update.WaitForCompletionAsync(
        timeout: TimeSpan.FromMinutes(10),
        progress: new Progress<DssFutureStatus>(step => Console.WriteLine(
            $"  update {step.JobId}: {(step.IsAlive ? string.Join(" / ", step.States.Select(s => s.Name)) : "finished")}")));
    var status = await deployment.GetStatusAsync();
    Console.WriteLine($"Deployment {deployment.DeploymentId}: {result?.SucceededNodeCount} node(s) updated, health {status.Heavy.Health}");
    if (status.Heavy.Health != DeploymentHealth.Healthy)
    {
        throw new InvalidOperationException($"Deployment {deployment.DeploymentId} is {status.Heavy.Health}: " +
            string.Join("; ", status.Heavy.HealthMessages?.Messages.Select(m => m.Message) ?? []));
    }
}
