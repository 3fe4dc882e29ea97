namespace ZoningHub.Node.Tests;

/// <summary>The system's clocks, with a wall clock that can be set back, as an operator or NTP stepping it would; the monotonic timestamp runs on.</summary>
public sealed class SettableClock : TimeProvider
{
    long _offsetTicks;

    public void SetBack(TimeSpan by) => Interlocked.Add(ref _offsetTicks, -by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
