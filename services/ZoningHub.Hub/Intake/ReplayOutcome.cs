using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Intake;

/// <summary>The answers a replay request can get.</summary>
public abstract record ReplayOutcome
{
    public sealed record NotFound : ReplayOutcome;

    public sealed record AlreadyReplayed(DateTimeOffset At) : ReplayOutcome;

    public sealed record Dismissed(DateTimeOffset At) : ReplayOutcome;

    /// <summary>The entry is kept as it came: see <see cref="Hub.Core.Intake.RejectionRules.Unreplayable"/>.</summary>
    public sealed record NotReplayable(string Why) : ReplayOutcome;

    /// <summary>Another replay of the entry was under way; this one did nothing.</summary>
    public sealed record Concurrent : ReplayOutcome;

    /// <summary>The replay was taken: what it applied, and what is still refused (the entry stays open for those).</summary>
    public sealed record Done(ReplayResult Result) : ReplayOutcome;
}
