using System.Text.Json.Nodes;
using DssApi.Emulator.Hosting;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Futures;

/// <summary>One long-running job, observed through the futures routes (dss-protocol §3); the work reports progress and log lines to it.</summary>
internal sealed class FutureJob
{
    private readonly Lock _gate = new();
    private readonly List<string> _logLines = [];
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (string Name, int Current, int Target, long StartedAt)? _step;
    private JsonNode? _result;
    private DssError? _error;
    private long? _endTime;
    private bool _aborted;

    public FutureJob(string jobId, string displayName, string owner, JsonObject payload, long startTime)
    {
        JobId = jobId;
        DisplayName = displayName;
        Owner = owner;
        Payload = payload;
        StartTime = startTime;
    }

    public string JobId { get; }

    public string DisplayName { get; }

    public string Owner { get; }

    public JsonObject Payload { get; }

    public long StartTime { get; }

    public bool Alive
    {
        get
        {
            lock (_gate)
            {
                return _endTime is null;
            }
        }
    }

    public CancellationToken AbortToken => _abort.Token;

    /// <summary>Completes when the job has finished, whatever the outcome.</summary>
    public Task Completion => _completion.Task;

    public void Step(string name, int current, int target)
    {
        lock (_gate)
        {
            _step = (name, current, target, _step?.Name == name ? _step.Value.StartedAt : EmulatorContext.Now());
        }
    }

    public void Log(string line)
    {
        lock (_gate)
        {
            _logLines.Add(line);
        }
    }

    public void RequestAbort() => _abort.Cancel();

    public void Finish(JsonNode? result, DssError? error, bool aborted)
    {
        lock (_gate)
        {
            _result = result;
            _error = error;
            _aborted = aborted;
            _endTime = EmulatorContext.Now();
        }

        _completion.TrySetResult();
    }

    /// <summary>The non-destructive view (<c>peek=true</c>, list): never carries the result.</summary>
    public JsonObject PeekState()
    {
        lock (_gate)
        {
            var state = CommonState();
            state["jobId"] = JobId;
            state["hasResult"] = _endTime is not null;
            state["jobDisplayName"] = DisplayName;
            state["payload"] = Payload.DeepClone();
            state["owner"] = Owner;
            return state;
        }
    }

    /// <summary>The consuming view of a finished job: result (or the stored error, rethrown), no job id.</summary>
    public JsonObject FinalState()
    {
        lock (_gate)
        {
            if (_error is not null && !_aborted)
            {
                throw _error;
            }

            var state = CommonState();
            state["hasResult"] = true;
            state["result"] = _result?.DeepClone();
            return state;
        }
    }

    /// <summary>The consuming view of a job that is still running.</summary>
    public JsonObject RunningState()
    {
        lock (_gate)
        {
            var state = CommonState();
            state["jobId"] = JobId;
            state["hasResult"] = false;
            return state;
        }
    }

    private JsonObject CommonState() => new()
    {
        ["alive"] = _endTime is null,
        ["aborted"] = _aborted,
        ["unknown"] = false,
        ["startTime"] = StartTime,
        ["runningTime"] = (_endTime ?? EmulatorContext.Now()) - StartTime,
        ["progress"] = new JsonObject { ["states"] = ProgressStates() },
        ["log"] = new JsonObject
        {
            ["totalLines"] = _logLines.Count,
            ["lines"] = new JsonArray(_logLines.Select(line => (JsonNode)line).ToArray()),
            ["status"] = new JsonArray(),
            ["maxLevel"] = _error is null ? "INFO" : "ERROR",
        },
    };

    private JsonArray ProgressStates() => _step is not { } step || _endTime is not null
        ? []
        : new JsonArray(new JsonObject
        {
            ["name"] = step.Name,
            ["unit"] = "NONE",
            ["target"] = step.Target,
            ["cur"] = step.Current,
            ["important"] = true,
            ["depth"] = 0,
            ["msSinceStart"] = EmulatorContext.Now() - step.StartedAt,
        });
}
