using System.Diagnostics;
using DssApi.Emulator;
using DssApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DssApi.Integration.Tests;

/// <summary>The deployment loop against an emulator that drops, refuses and delays requests.</summary>
public class FaultToleranceTests(ITestOutputHelper output)
{
    private const string AdminKey = "fault-tolerance-admin-key";
    private const string Prefix = "flow";
    private const int Seeds = 30;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_loop_under_faults_ends_with_exactly_the_intended_resources_or_a_clear_error()
    {
        var elapsed = Stopwatch.StartNew();
        var failures = new List<string>();
        var logs = new CapturingLoggerProvider();
        var runs = 0;
        for (var seed = 1; seed <= Seeds && (seed <= Seeds / 3 || elapsed.Elapsed < TimeBudget); seed++, runs++)
        {
            var data = Directory.CreateTempSubdirectory("dssapi-faults-");
            try
            {
                var failure = await RunFlowUnderFaultsAsync(seed, data.FullName, logs);
                var found = await InventoryAsync(data.FullName);
                if (failure is null)
                {
                    Assert.Equal(Inventory.Complete, found);
                }
                else
                {
                    AssertClear(failure, seed);
                    failures.Add($"seed {seed}: {failure.GetType().Name}: {failure.Message}");
                    Assert.True(found.IsPrefixOfTheLoop, $"seed {seed} left {found} after: {failure}");
                }
            }
            finally
            {
                data.Delete(recursive: true);
            }
        }

        output.WriteLine($"{runs} runs in {elapsed.Elapsed.TotalSeconds:0.0} s, {failures.Count} ended with an error:");
        failures.ForEach(output.WriteLine);
        Assert.True(failures.Count <= runs / 3, string.Join('\n', failures));
        // The faults did reach creations: some answers were lost after the change, some requests never arrived.
        Assert.Contains(logs.Entries, entry => entry.Message.Contains("lost its answer, but DSS shows it took effect", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Message.StartsWith("Retrying DSS request POST", StringComparison.Ordinal)
            && entry.Message.EndsWith("It did not take effect.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_finished_update_whose_result_was_consumed_elsewhere_completes_from_the_last_update()
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { AdminApiKey = AdminKey });
        using var client = new DssClient(new DssClientOptions { Url = new Uri(dss.Url), ApiKey = AdminKey });
        await DeploymentFlow.DeployAsync(client, dss, Prefix);
        var deployment = client.GetApiDeployer().GetDeployment(Prefix + "-dep");

        var update = await deployment.StartUpdateAsync();
        // Another reader takes the finished job's result, as a read whose answer is lost in transit would.
        var sameJob = client.GetFuture(update.Id!);
        await sameJob.WaitForCompletionAsync(TimeSpan.FromMinutes(1));

        Assert.Null(await update.WaitForCompletionAsync(TimeSpan.FromMinutes(1)));
        Assert.True(update.HasValue);
        Assert.Equal("SUCCESS", (await deployment.GetLastUpdateAsync()).Status);
    }

    private static async Task<Exception?> RunFlowUnderFaultsAsync(int seed, string dataDirectory, CapturingLoggerProvider logs)
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions
        {
            AdminApiKey = AdminKey,
            DataDirectory = dataDirectory,
            FaultRate = 0.2,
            Latency = TimeSpan.FromMilliseconds(2),
            Seed = seed,
            UpdateStepDuration = TimeSpan.FromMilliseconds(10),
        });
        using var client = new DssClient(new DssClientOptions
        {
            Url = new Uri(dss.Url),
            ApiKey = AdminKey,
            LoggerFactory = logs,
            Timeout = TimeSpan.FromSeconds(10),
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) },
        });
        try
        {
            await DeploymentFlow.DeployAsync(client, dss, Prefix);
            return null;
        }
        catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
        {
            return failure;
        }
    }

    /// <summary>A run that cannot succeed says why, in the client's own terms.</summary>
    private static void AssertClear(Exception failure, int seed)
    {
        Assert.True(failure is DssOutcomeUnknownException or DssConnectionException or DssTimeoutException or DssJobFailedException
            || failure is DssApiException { StatusCode: 503 }, $"seed {seed}: unexpected {failure}");
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.DoesNotContain(AdminKey, failure.ToString(), StringComparison.Ordinal);
        if (failure is DssOutcomeUnknownException unknown)
        {
            Assert.StartsWith("whether ", unknown.WhatToCheck, StringComparison.Ordinal);
        }
    }

    /// <summary>What the run left behind, read from its persisted state by a fault-free emulator.</summary>
    private static async Task<Inventory> InventoryAsync(string dataDirectory)
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { AdminApiKey = AdminKey, DataDirectory = dataDirectory });
        using var client = new DssClient(new DssClientOptions { Url = new Uri(dss.Url), ApiKey = AdminKey });
        var project = client.GetProject(dss.DemoProjectKey);
        var deployer = client.GetApiDeployer();
        var services = (await project.ListApiServicesAsync()).Count(service => service.Id == Prefix);
        var packages = services == 0 ? 0 : (await project.GetApiService(Prefix).ListPackagesAsync()).Count;
        var published = (await deployer.ListServicesAsync()).Where(service => service.ServiceBasicInfo.Id == Prefix).ToList();
        var deployments = (await deployer.ListDeploymentsAsync()).Count(deployment => deployment.DeploymentBasicInfo.Id == Prefix + "-dep");
        var updates = deployments == 0 ? [] : await deployer.GetDeployment(Prefix + "-dep").ListUpdatesAsync();
        return new Inventory(
            services,
            packages,
            published.Count,
            published.Sum(service => service.Packages.Count),
            (await deployer.ListInfrasAsync()).Count(infra => infra.InfraBasicInfo.Id == Prefix + "-infra"),
            deployments,
            updates.Count,
            updates.All(update => update.Status == "SUCCESS"));
    }

    private sealed record Inventory(int Services, int Packages, int PublishedServices, int Versions, int Infras, int Deployments, int Updates,
        bool UpdatesSucceeded)
    {
        public static readonly Inventory Complete = new(1, 1, 1, 1, 1, 1, 1, true);

        /// <summary>Each step of the loop happened at most once, and only after the steps before it.</summary>
        public bool IsPrefixOfTheLoop
        {
            get
            {
                int[] steps = [Services, Packages, PublishedServices, Versions, Infras, Deployments, Updates];
                return steps.All(count => count <= 1) && steps.Zip(steps.Skip(1)).All(pair => pair.First >= pair.Second);
            }
        }
    }
}
