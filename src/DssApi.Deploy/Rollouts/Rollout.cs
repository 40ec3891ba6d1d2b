using System.Text.Json.Nodes;
using DssApi.Deploy.Planning;

namespace DssApi.Deploy;

/// <summary>How a guarded rollout moves a deployment to a new version.</summary>
public sealed class RolloutOptions
{
    /// <summary>The deployment rolled out.</summary>
    public required string DeploymentId { get; init; }

    /// <summary>The version the traffic moves to (it must be published to the deployment's service).</summary>
    public required string Version { get; init; }

    /// <summary>The new version's share of the traffic at each step, increasing, the last one 1 (the default: 10 %, 50 %, 100 %).</summary>
    public IReadOnlyList<double> Steps { get; init; } = [0.1, 0.5, 1];

    /// <summary>How long each step is watched after its update before the next; the gates are checked at least once.</summary>
    public TimeSpan BakeTime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the gates are checked during the bake time.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Also run the service's test queries through the deployer at each check: any error fails the step.</summary>
    public bool RunTestQueries { get; init; }

    /// <summary>The endpoint whose test queries run (and whose predictions are compared); needed when the service has several.</summary>
    public string? TestQueriesEndpointId { get; init; }

    /// <summary>
    /// Also check at each step that the new version predicts what the version it replaces (the one with the largest
    /// share before the rollout) predicts on the same queries; null (the default) skips this gate.
    /// </summary>
    public PredictionComparison? ComparePredictions { get; init; }

    /// <summary>How long each deployment update is waited for.</summary>
    public TimeSpan UpdateTimeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>One step of a rollout, as reported to its progress.</summary>
/// <param name="Share">The new version's share of the traffic at this step.</param>
/// <param name="Message">What is happening.</param>
public sealed record RolloutProgress(double Share, string Message);

/// <summary>A gate failed: the rollout went back to the split before the step, and stopped.</summary>
public sealed class RolloutFailedException : Exception
{
    /// <summary>Describes the failed gate.</summary>
    public RolloutFailedException(string deploymentId, string gate, double share, string observed, IReadOnlyList<TrafficShare> restored)
        : base($"Rollout of deployment {deploymentId} stopped at {share:P0}: the {gate} gate failed ({observed}). " +
            $"The traffic went back to {Rollout.Describe(restored)}.")
    {
        Gate = gate;
        Share = share;
        Observed = observed;
        Restored = restored;
    }

    /// <summary>The gate that failed: <c>health</c>, <c>test queries</c> or <c>same predictions</c>.</summary>
    public string Gate { get; }

    /// <summary>The new version's share at the step that failed.</summary>
    public double Share { get; }

    /// <summary>What the gate saw.</summary>
    public string Observed { get; }

    /// <summary>The split restored.</summary>
    public IReadOnlyList<TrafficShare> Restored { get; }
}

/// <summary>
/// Guarded rollouts: the traffic moves to a new version step by step; after each step's update the deployment's
/// health (and, optionally, its test queries and whether it predicts as the previous version) is watched for a bake
/// time, and a failed gate restores the previous split. A rollout run again after an interruption continues from the split that is live.
/// </summary>
public static class Rollout
{
    /// <summary>Rolls <see cref="RolloutOptions.Version"/> out; returns the final split (the new version alone).</summary>
    /// <exception cref="RolloutFailedException">A gate failed; the previous split is live again.</exception>
    public static async Task<IReadOnlyList<TrafficShare>> RunAsync(DssClient client, RolloutOptions options, IProgress<RolloutProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Steps.Count == 0 || options.Steps[^1] != 1 || options.Steps.Zip(options.Steps.Skip(1)).Any(pair => pair.First >= pair.Second) || options.Steps[0] <= 0)
        {
            throw new ArgumentException("Rollout steps must increase from above 0 to 1, e.g. 0.1, 0.5, 1", nameof(options));
        }

        var deployment = client.GetApiDeployer().GetDeployment(options.DeploymentId);
        IReadOnlyList<TrafficShare> live = TrafficMapping.Read((await deployment.GetSettingsAsync(cancellationToken).ConfigureAwait(false)).GetRaw()["generationsMapping"] as JsonObject)
            ?? throw new InvalidOperationException($"Deployment {options.DeploymentId} has no generations mapping to roll out from");
        var liveShare = TrafficMapping.ShareOf(live, options.Version);
        var predictions = options.ComparePredictions is { } comparison && PreviousVersion(live, options.Version) is { } previousVersion
            ? await PredictionGate.StartAsync(deployment, comparison, options.TestQueriesEndpointId, previousVersion, options.Version, cancellationToken).ConfigureAwait(false)
            : null;
        if (options.ComparePredictions is not null && predictions is null)
        {
            progress?.Report(new RolloutProgress(liveShare, "predictions not compared: no previous version is served"));
        }

        // Resuming: the steps below the live share are done; the live one is watched again.
        foreach (var share in options.Steps.Where(share => share >= liveShare - 1e-9))
        {
            var previous = live;
            live = TrafficMapping.WithShare(previous, options.Version, share);
            void Report(string message) => progress?.Report(new RolloutProgress(share, message));
            Report($"traffic: {Describe(live)}");
            if (await SetTrafficAsync(client, options, live, cancellationToken).ConfigureAwait(false)
                || (await deployment.GetHeavyStatusAsync(cancellationToken).ConfigureAwait(false)).Health == DeploymentHealth.OutOfSync)
            {
                await DeploymentUpdates.StartAndWaitAsync(client, options.DeploymentId, options.UpdateTimeout, Report, cancellationToken).ConfigureAwait(false);
            }

            if (await WatchAsync(deployment, options, predictions, live, Report, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                Report($"{failure.Gate} gate failed: {failure.Observed}; going back to {Describe(previous)}");
                await SetTrafficAsync(client, options, previous, cancellationToken).ConfigureAwait(false);
                await DeploymentUpdates.StartAndWaitAsync(client, options.DeploymentId, options.UpdateTimeout, Report, cancellationToken).ConfigureAwait(false);
                throw new RolloutFailedException(options.DeploymentId, failure.Gate, share, failure.Observed, previous);
            }
        }

        return live;
    }

    /// <summary>A split as text: <c>v1 90 %, v2 10 %</c>.</summary>
    internal static string Describe(IReadOnlyList<TrafficShare> traffic) =>
        string.Join(", ", traffic.Select(share => $"{share.Version} {share.Share:P0}"));

    /// <summary>Saves the split when DSS does not serve it yet; returns whether it saved.</summary>
    private static async Task<bool> SetTrafficAsync(DssClient client, RolloutOptions options, IReadOnlyList<TrafficShare> traffic, CancellationToken cancellationToken)
    {
        var settings = await client.GetApiDeployer().GetDeployment(options.DeploymentId).GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        var raw = settings.GetRaw();
        var strategy = raw["generationsMapping"]?["strategy"]?.GetValue<string>() ?? "RANDOM";
        if (TrafficMapping.Serves(raw["generationsMapping"] as JsonObject, traffic, strategy))
        {
            return false;
        }

        raw["generationsMapping"] = TrafficMapping.ToJson(traffic, strategy);
        await settings.SaveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The version the new one replaces: the one with the largest share besides it; null when it serves alone.</summary>
    private static string? PreviousVersion(IReadOnlyList<TrafficShare> traffic, string newVersion) =>
        traffic.Where(share => share.Version != newVersion).OrderByDescending(share => share.Share).FirstOrDefault()?.Version;

    private static async Task<(string Gate, string Observed)?> WatchAsync(DssApiDeployerDeployment deployment, RolloutOptions options, PredictionGate? predictions,
        IReadOnlyList<TrafficShare> served, Action<string> report, CancellationToken cancellationToken)
    {
        var bakeEnd = DateTimeOffset.UtcNow + options.BakeTime;
        while (true)
        {
            var status = await deployment.GetHeavyStatusAsync(cancellationToken).ConfigureAwait(false);
            if (status.Health != DeploymentHealth.Healthy)
            {
                var messages = status.HealthMessages?.Messages.Select(message => message.Message).Where(message => message is not null) ?? [];
                return ("health", $"{status.Health}: {string.Join("; ", messages)}".TrimEnd(' ', ':'));
            }

            if (options.RunTestQueries)
            {
                var result = await deployment.RunTestQueriesAsync(options.TestQueriesEndpointId, cancellationToken: cancellationToken).ConfigureAwait(false);
                var errors = result.Responses.Where(response => response.Error is not null).ToList();
                if (errors.Count > 0)
                {
                    return ("test queries", $"{errors.Count} of {result.Responses.Count} test queries failed: {errors[0].Error?["message"]}");
                }
            }

            if (predictions is not null && await predictions.CheckAsync(served, cancellationToken).ConfigureAwait(false) is { } difference)
            {
                return (PredictionGate.Name, difference);
            }

            report("gates passed");
            var left = bakeEnd - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < options.CheckInterval ? left : options.CheckInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
