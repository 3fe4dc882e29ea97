namespace ZoningHub.Benchmarks;

/// <summary>
/// The process's processor time, the part of it the runtime spent compiling code, and the time its threads stood
/// still for the garbage collector, sampled every couple of
/// milliseconds while it runs, so what was spent between two instants known only afterwards (such as a node's own
/// record of when a snapshot began and completed) can be read back.
/// </summary>
sealed class ProcessorTimeline : IAsyncDisposable
{
    readonly List<(DateTimeOffset At, TimeSpan Used, TimeSpan Compiling, TimeSpan Paused)> _samples = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _sampling;

    ProcessorTimeline() => _sampling = Task.Run(SampleAsync);

    public static ProcessorTimeline Start() => new();

    /// <summary>
    /// The processor time used between two instants, how much of it compiled code, and how long the collector paused
    /// the process meanwhile, interpolated between the samples around each.
    /// </summary>
    public (TimeSpan Used, TimeSpan Compiling, TimeSpan Paused) Between(DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (At(from), At(to));
        return (end.Used - start.Used, end.Compiling - start.Compiling, end.Paused - start.Paused);
    }

    (TimeSpan Used, TimeSpan Compiling, TimeSpan Paused) At(DateTimeOffset instant)
    {
        lock (_samples)
        {
            var after = _samples.FindIndex(s => s.At >= instant);
            if (after <= 0)
            {
                throw new InvalidOperationException($"{instant:O} is outside the samples taken ({_samples[0].At:O} to {_samples[^1].At:O})");
            }

            var (a, b) = (_samples[after - 1], _samples[after]);
            var part = (instant - a.At) / (b.At - a.At);
            return (a.Used + (b.Used - a.Used) * part, a.Compiling + (b.Compiling - a.Compiling) * part, a.Paused + (b.Paused - a.Paused) * part);
        }
    }

    async Task SampleAsync()
    {
        while (true)
        {
            lock (_samples)
            {
                _samples.Add((DateTimeOffset.UtcNow, Environment.CpuUsage.TotalTime, System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration()));
            }

            if (_stop.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(2, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
