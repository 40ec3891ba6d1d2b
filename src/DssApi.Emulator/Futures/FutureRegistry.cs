using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Futures;

/// <summary>Long-running work that DSS exposes as futures; in memory only, like DSS's own job registry.</summary>
internal sealed class FutureRegistry(ILogger<FutureRegistry> logger)
{
    private readonly ConcurrentDictionary<string, FutureJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts <paramref name="work"/> in the background and returns its job at once.</summary>
    public FutureJob Start(string displayName, string owner, JsonObject payload, Func<FutureJob, Task<JsonNode?>> work)
    {
        var job = new FutureJob(RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 12), displayName, owner, payload,
            EmulatorContext.Now());
        _jobs[job.JobId] = job;
        _ = Task.Run(() => RunAsync(job, work));
        return job;
    }

    public IEnumerable<FutureJob> List() => _jobs.Values.OrderBy(job => job.StartTime);

    public FutureJob Get(string jobId) =>
        _jobs.TryGetValue(jobId, out var job) ? job : throw DssError.IllegalArgument("No future by that id");

    /// <summary>A consuming read: a finished job is removed, so a second read answers "No future by that id".</summary>
    public JsonObject Consume(string jobId)
    {
        var job = Get(jobId);
        if (job.Alive)
        {
            return job.RunningState();
        }

        // Two concurrent reads of a finished job: only the one that removes it gets the outcome.
        return _jobs.TryRemove(jobId, out _) ? job.FinalState() : throw DssError.IllegalArgument("No future by that id");
    }

    /// <summary>Aborts every running job and waits until each has recorded its outcome.</summary>
    public Task AbortAllAsync()
    {
        var running = _jobs.Values.Where(job => job.Alive).ToArray();
        foreach (var job in running)
        {
            job.RequestAbort();
        }

        return Task.WhenAll(running.Select(job => job.Completion));
    }

    private async Task RunAsync(FutureJob job, Func<FutureJob, Task<JsonNode?>> work)
    {
        try
        {
            var result = await work(job);
            job.Finish(result, null, aborted: false);
        }
        catch (OperationCanceledException) when (job.AbortToken.IsCancellationRequested)
        {
            job.Finish(null, null, aborted: true);
        }
        catch (DssError error)
        {
            job.Finish(null, error, aborted: false);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Future {JobId} ({DisplayName}) failed unexpectedly", job.JobId, job.DisplayName);
            job.Finish(null, DssError.Internal(), aborted: false);
        }
    }
}
