using System.Collections.Concurrent;
using System.Diagnostics;

namespace DssApi.Tests.Infrastructure;

/// <summary>Records every finished span of the <c>DssApi</c> activity source while it lives.
/// Listeners see the whole process: tests pick their spans by route or tag.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "DssApi",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public void Dispose() => _listener.Dispose();
}
