using System.Diagnostics;
using System.Globalization;
using DssApi.Emulator;
using DssApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DssApi.Integration.Tests;

/// <summary>
/// The deployment loop against an emulator that drops, refuses and delays requests. CI runs seeds 1 to 30
/// at fault rate 0.2 within a time budget; <c>DSSAPI_FAULT_SEEDS</c> (e.g. <c>1-300</c>) and
/// <c>DSSAPI_FAULT_RATE</c> (e.g. <c>0.4</c>) choose other runs, every seed of them run
/// (<c>bench/fault-run.sh</c>). Each seed prints one line: complete, clear error or rule broken.
/// </summary>
public class FaultToleranceTests(ITestOutputHelper output)
{
    private const string AdminKey = "fault-tolerance-admin-key";
    private const string Prefix = "flow";
    private const double DefaultFaultRate = 0.2;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_loop_under_faults_ends_with_exactly_the_intended_resources_or_a_clear_error()
    {
        var run = FaultRun.FromEnvironment();
        var elapsed = Stopwatch.StartNew();
        var errors = new List<string>();
        var brokenRules = new List<string>();
        var logs = new CapturingLoggerProvider();
        var runs = 0;
        for (var seed = run.FirstSeed; seed <= run.LastSeed && run.MayRun(seed, elapsed.Elapsed); seed++, runs++)
        {
            var data = Directory.CreateTempSubdirectory("dssapi-faults-");
            var logged = logs.Entries.Count;
            string outcome;
            try
            {
                var failure = await RunFlowUnderFaultsAsync(seed, run.FaultRate, data.FullName, logs);
                var found = await InventoryAsync(data.FullName);
                var brokenRule = BrokenRule(failure, found);
                outcome = brokenRule is not null ? $"rule broken: {brokenRule}"
                    : failure is not null ? $"clear error: {failure.GetType().Name}: {failure.Message}"
                    : "complete";
                (brokenRule is not null ? brokenRules : failure is not null ? errors : null)?.Add($"seed {seed}: {outcome}");
            }
            finally
            {
                data.Delete(recursive: true);
            }

            output.WriteLine($"seed {seed}: {outcome}");
            if (outcome.StartsWith("rule broken", StringComparison.Ordinal))
            {
                // What the client went through, to find the cause.
                logs.Entries.Skip(logged).ToList().ForEach(entry => output.WriteLine($"    {entry.Level}: {entry.Message}"));
            }
        }

        output.WriteLine($"fault run at rate {run.FaultRate}: {runs} runs in {elapsed.Elapsed.TotalSeconds:0.0} s, "
            + $"{runs - errors.Count - brokenRules.Count} complete, {errors.Count} clear error, {brokenRules.Count} rule broken");
        Assert.True(brokenRules.Count == 0, string.Join('\n', brokenRules));
        if (run.FaultRate == DefaultFaultRate)
        {
            Assert.True(errors.Count <= runs / 3, string.Join('\n', errors));
        }

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

    private static async Task<Exception?> RunFlowUnderFaultsAsync(int seed, double faultRate, string dataDirectory, CapturingLoggerProvider logs)
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions
        {
            AdminApiKey = AdminKey,
            DataDirectory = dataDirectory,
            FaultRate = faultRate,
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

    /// <summary>
    /// The rule a run broke, or null: a run that succeeds leaves exactly the loop's resources; a run that cannot
    /// succeed says why in the client's own terms, never shows the key, and leaves each step at most once.
    /// </summary>
    private static string? BrokenRule(Exception? failure, Inventory found)
    {
        if (failure is null)
        {
            return found == Inventory.Complete ? null : $"succeeded but left {found}";
        }

        if (!(failure is DssOutcomeUnknownException or DssConnectionException or DssTimeoutException or DssJobFailedException
            || failure is DssApiException { StatusCode: 503 }))
        {
            return $"unexpected {failure}";
        }

        if (string.IsNullOrWhiteSpace(failure.Message) || failure.ToString().Contains(AdminKey, StringComparison.Ordinal))
        {
            return $"the error has no message or shows the key: {failure}";
        }

        if (failure is DssOutcomeUnknownException unknown && !unknown.WhatToCheck.StartsWith("whether ", StringComparison.Ordinal))
        {
            return $"WhatToCheck does not say what to check: {failure}";
        }

        return found.IsPrefixOfTheLoop ? null : $"left {found} after: {failure}";
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

    /// <summary>Which seeds run, at which fault rate: CI's 30 seeds within a time budget, or the range the environment names, all of it.</summary>
    private sealed record FaultRun(int FirstSeed, int LastSeed, double FaultRate, bool WithinTimeBudget)
    {
        private const int CiSeeds = 30;

        public static FaultRun FromEnvironment()
        {
            var rateText = Environment.GetEnvironmentVariable("DSSAPI_FAULT_RATE");
            var rate = DefaultFaultRate;
            if (!string.IsNullOrEmpty(rateText)
                && !(double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate is >= 0 and <= 1))
            {
                throw new FormatException($"DSSAPI_FAULT_RATE '{rateText}' is not a number from 0 to 1");
            }

            var seeds = Environment.GetEnvironmentVariable("DSSAPI_FAULT_SEEDS");
            if (string.IsNullOrEmpty(seeds))
            {
                return new FaultRun(1, CiSeeds, rate, WithinTimeBudget: true);
            }

            var bounds = seeds.Split('-', 2);
            return int.TryParse(bounds[0], out var first) && int.TryParse(bounds[^1], out var last) && first <= last
                ? new FaultRun(first, last, rate, WithinTimeBudget: false)
                : throw new FormatException($"DSSAPI_FAULT_SEEDS '{seeds}' is not a seed or a range such as 1-300");
        }

        /// <summary>CI runs its first third of seeds whatever the time, and the rest while the budget lasts.</summary>
        public bool MayRun(int seed, TimeSpan elapsed) =>
            !WithinTimeBudget || seed <= FirstSeed + (LastSeed - FirstSeed) / 3 || elapsed < TimeBudget;
    }
}
