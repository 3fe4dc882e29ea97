using System.Collections.Concurrent;
using System.Diagnostics;

namespace ZoningHub.Testing;

/// <summary>Every span that ends while this lives, recorded in full: of one source (ZoningHub's own, say), or of all.</summary>
public sealed class RecordedSpans : IDisposable
{
    readonly ActivityListener _listener;

    /// <param name="source">The one source to listen to; null for every source (a department's, MassTransit's, gRPC's too).</param>
    public RecordedSpans(string? source = null)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => source is null || s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public void Dispose() => _listener.Dispose();
}
