using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Intake;

/// <summary>The answers a replay request can get.</summary>
public abstract record ReplayOutcome
{
    public sealed record NotFound : ReplayOutcome;

    public sealed record AlreadyReplayed(DateTimeOffset At) : ReplayOutcome;

    public sealed record Done(ReplayResult Result) : ReplayOutcome;
}
