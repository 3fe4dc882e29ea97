using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>
/// Input kept for an operator: which change set, why it is refused, and whether it was replayed (the change set itself is
/// read alone, <see cref="QuarantineStore.Body"/>). A replay that
/// leaves something refused keeps the entry open with today's reasons; one that leaves nothing refused closes it.
/// </summary>
/// <param name="Scope"><c>change-set</c> when the whole set is refused, <c>features</c> when only some features are.</param>
/// <param name="Attempts">Replays taken so far.</param>
/// <param name="DismissedAt">When an operator closed it without a replay (<see cref="QuarantineStore.Dismiss"/>).</param>
public sealed record QuarantineRecord(
    long Id,
    string Stream,
    long Sequence,
    string Department,
    string Layer,
    string Scope,
    IReadOnlyList<Rejection> Reasons,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ReplayedAt,
    int Attempts,
    DateTimeOffset? DismissedAt)
{
    /// <summary>
    /// The department that published it (<see cref="QuarantineStore"/> keeps the one whose exchange it came through, or
    /// else the one it names), whose rejection exchange hears of it; null when neither was known, or for entries from before.
    /// </summary>
    public string? Publisher { get; init; }

    /// <summary>
    /// Where in its stream a replay applies it, when not at its own <see cref="Sequence"/>: a change set taken out of the
    /// hold (<see cref="HeldChangeSets"/>) is numbered beyond anything its stream sent after it, so it takes the place the
    /// stream had reached when it was moved, and what the stream wrote since is newer.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long? ReplayPlace { get; init; }

    /// <summary>Why no replay can apply this entry (see <see cref="RejectionRules.Unreplayable"/>), or null when one may.</summary>
    public string? NotReplayable => Reasons.Select(r => RejectionRules.Unreplayable(r.Rule)).FirstOrDefault(why => why is not null);
}

/// <summary>What a quarantine entry holds refused: the whole change set, or some of its features.</summary>
public static class QuarantineScopes
{
    public const string ChangeSet = "change-set";

    public const string Features = "features";
}
