using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DssApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DssApi.Tests.Futures;

/// <summary>The DSS futures routes, as DSS answers them: peeks never carry the result, a
/// consuming read of a finished job deletes it, and a failed job's error is the consuming read's.</summary>
public sealed class FakeFutures
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new();

    public sealed class Job
    {
        public int PollsUntilDone { get; init; }
        public JsonNode? Result { get; init; }
        public string? FailureJson { get; init; }
        /// <summary>The consuming read deletes the job, then its answer is lost with the connection.</summary>
        public bool LoseConsumingRead { get; init; }
        public int Polls;
        public bool Aborted;
        public bool Done => Aborted || Polls >= PollsUntilDone;
    }

    public void Add(string id, Job job) => _jobs[id] = job;

    public bool Exists(string id) => _jobs.ContainsKey(id);

    public async Task Handle(RecordedRequest request, HttpContext context)
    {
        var segments = request.RawSegments;
        if (segments is not ["dip", "publicapi", "futures", var encodedId])
        {
            await LoopbackServer.Respond(context, 404, null, "");
            return;
        }

        var id = Uri.UnescapeDataString(encodedId);
        if (!_jobs.TryGetValue(id, out var job))
        {
            await LoopbackServer.RespondJson(context,
                """{"errorType":"java.lang.IllegalArgumentException","message":"No future by that id","detailedMessage":"No future by that id"}""", 400);
            return;
        }

        if (request.Method == "DELETE")
        {
            job.Aborted = true;
            context.Response.StatusCode = 204;
            return;
        }

        var peek = context.Request.Query["peek"] == "true";
        Interlocked.Increment(ref job.Polls);
        if (!job.Done)
        {
            await LoopbackServer.RespondJson(context, new JsonObject
            {
                ["jobId"] = id, ["alive"] = true, ["hasResult"] = false, ["aborted"] = false, ["runningTime"] = 10 * job.Polls,
                ["progress"] = new JsonObject
                {
                    ["states"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "Updating API nodes", ["unit"] = "FILES", ["target"] = job.PollsUntilDone, ["cur"] = job.Polls,
                        ["important"] = true, ["depth"] = 0, ["msSinceStart"] = 5,
                    }),
                },
            }.ToJsonString());
            return;
        }

        if (peek)
        {
            await LoopbackServer.RespondJson(context, new JsonObject
            {
                ["jobId"] = id, ["alive"] = false, ["hasResult"] = true, ["aborted"] = job.Aborted,
            }.ToJsonString());
            return;
        }

        _jobs.TryRemove(id, out _);
        if (job.LoseConsumingRead)
        {
            context.Abort();
            return;
        }

        if (job.FailureJson is not null && !job.Aborted)
        {
            await LoopbackServer.RespondJson(context, job.FailureJson, 500);
            return;
        }

        var final = new JsonObject { ["alive"] = false, ["hasResult"] = true, ["aborted"] = job.Aborted };
        if (!job.Aborted && job.Result is not null)
        {
            final["result"] = job.Result.DeepClone();
        }

        await LoopbackServer.RespondJson(context, final.ToJsonString());
    }
}
