using System.Text.Json;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// An operator's replay of quarantined input after a fix (a raised limit or tolerance, a corrected
/// ownership table): validated again under today's rules, applied where it now passes.
/// </summary>
public sealed class QuarantineReplay(
    QuarantineStore quarantine,
    IntakeStore intake,
    DerivationSignal derivation,
    IOptions<HubOptions> options,
    ILogger<QuarantineReplay> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ReplayOutcome Replay(long id)
    {
        if (quarantine.Find(id) is not { } record)
        {
            return new ReplayOutcome.NotFound();
        }

        if (record.ReplayedAt is { } replayedAt)
        {
            return new ReplayOutcome.AlreadyReplayed(replayedAt);
        }

        if (record.DismissedAt is { } dismissedAt)
        {
            return new ReplayOutcome.Dismissed(dismissedAt);
        }

        if (record.NotReplayable is { } why)
        {
            return new ReplayOutcome.NotReplayable(why);
        }

        var changeSet = JsonSerializer.Deserialize<ChangeSetPublished>(quarantine.Body(id)!, Json)!;
        var validation = ChangeSetValidator.Validate(changeSet, options.Value.Validation);

        // A features-scope entry replays just the features that are refused; the rest were applied at the time.
        IReadOnlySet<string>? only = record.Scope == QuarantineScopes.Features
            ? record.Reasons.Where(r => r.FeatureId is not null).Select(r => r.FeatureId!).ToHashSet(StringComparer.Ordinal)
            : null;
        if (intake.Replay(record, changeSet, validation, only, System.Diagnostics.Activity.Current.TraceParent()) is not { } result)
        {
            return new ReplayOutcome.Concurrent();
        }

        logger.LogWarning("Replayed quarantine {QuarantineId} ({Stream} #{Sequence}): {Applied} applied, {Superseded} superseded, {StillRejected} still rejected",
            id, record.Stream, record.Sequence, result.Applied.Count, result.Superseded.Count, result.StillRejected.Count);
        if (result.MarkedCounties > 0)
        {
            derivation.Wake();
        }

        return new ReplayOutcome.Done(result);
    }
}
