using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The intake stage around the pure validator: applies a change set in stream order, quarantines what is
/// refused, asks adapters for what is missing, and wakes derivation.
/// </summary>
public sealed class ChangeSetIntake(
    IntakeStore store,
    QuarantineStore quarantine,
    DerivationSignal derivation,
    HubMetrics metrics,
    IOptions<HubOptions> options,
    ILogger<ChangeSetIntake> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task TakeAsync(ChangeSetPublished changeSet, ConsumeContext context, CancellationToken cancellationToken)
    {
        var next = changeSet;
        while (next is not null)
        {
            var sequence = await TakeOneAsync(next, context, cancellationToken);
            // A change set that came early may be next now: apply it without waiting for a redelivery.
            var held = sequence is null ? null : store.TakeHeld(next.Stream, sequence.Value + 1);
            next = held is null ? null : JsonSerializer.Deserialize<ChangeSetPublished>(held, Json);
        }
    }

    /// <returns>The stream position after an applied change set; null otherwise.</returns>
    async Task<long?> TakeOneAsync(ChangeSetPublished changeSet, ConsumeContext context, CancellationToken cancellationToken)
    {
        metrics.ChangeSetReceived(changeSet.Department);
        var body = JsonSerializer.Serialize(changeSet, Json);
        var validation = ChangeSetValidator.Validate(changeSet, options.Value.Validation);
        if (validation.ChangeSetRejections.Any(r => r.Rule is RejectionRules.StreamMissing or RejectionRules.SequenceMissing))
        {
            // No stream position to take: quarantine it whole and let the stream flow on.
            var id = quarantine.Add(changeSet, validation.ChangeSetRejections, body);
            await RejectAsync(changeSet, id, validation.ChangeSetRejections, context, cancellationToken);
            return null;
        }

        var outcome = store.Apply(changeSet, validation, ChangeSetFingerprint.Of(changeSet), body);
        switch (outcome.Disposition)
        {
            case IntakeDisposition.Applied:
                logger.LogInformation("Applied change set {Stream} #{Sequence} ({Layer}): {Upserts} upserts, {Deletes} deletes, {Counties} counties marked",
                    changeSet.Stream, changeSet.Sequence, changeSet.Layer, validation.Upserts.Count, validation.Deletes.Count, outcome.MarkedCounties);
                metrics.ChangeSetApplied(changeSet.Department);
                foreach (var repair in validation.Repairs)
                {
                    logger.LogWarning("Repaired {Stream} #{Sequence} feature {FeatureId} ({Problem}); area changed by {AreaChange:P4}",
                        changeSet.Stream, changeSet.Sequence, repair.FeatureId, repair.Problem, repair.AreaChangeFraction);
                }

                if (outcome.QuarantineId is { } quarantined)
                {
                    await RejectAsync(changeSet, quarantined, [.. validation.AllRejections], context, cancellationToken);
                }

                derivation.Wake();
                return outcome.LastApplied;
            case IntakeDisposition.Duplicate:
                logger.LogInformation("Ignored duplicate change set {Stream} #{Sequence}", changeSet.Stream, changeSet.Sequence);
                return null;
            case IntakeDisposition.Held:
                logger.LogWarning("Holding change set {Stream} #{Sequence}: #{Missing} has not arrived; asking for a resend",
                    changeSet.Stream, changeSet.Sequence, outcome.LastApplied + 1);
                await RequestResendAsync(changeSet, outcome.LastApplied + 1, context, cancellationToken);
                return null;
            default:
                logger.LogError("Integrity alarm: change set {Stream} #{Sequence} reuses a sequence with different content; quarantined as {QuarantineId}",
                    changeSet.Stream, changeSet.Sequence, outcome.QuarantineId);
                await RejectAsync(changeSet, outcome.QuarantineId!.Value, [], context, cancellationToken);
                return null;
        }
    }

    async Task RejectAsync(ChangeSetPublished cs, long quarantineId, IReadOnlyList<Rejection> reasons, ConsumeContext context, CancellationToken ct)
    {
        metrics.ChangeSetRejected(cs.Department);
        foreach (var reason in reasons)
        {
            logger.LogWarning("Rejected {Stream} #{Sequence} feature {FeatureId}: {Rule}: {Reason}", cs.Stream, cs.Sequence, reason.FeatureId, reason.Rule, reason.Message);
        }

        await context.Publish(new ChangeSetRejected
        {
            Stream = cs.Stream, Sequence = cs.Sequence, Department = cs.Department, Layer = cs.Layer,
            QuarantineId = quarantineId, Rejections = reasons, RejectedAt = DateTimeOffset.UtcNow,
        }, ct);
    }

    static async Task RequestResendAsync(ChangeSetPublished cs, long missing, ConsumeContext context, CancellationToken ct)
    {
        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{Topology.AdapterRequestQueue(cs.Department)}"));
        await endpoint.Send(new ResendChangeSets
        {
            Stream = cs.Stream, FromSequence = missing, ToSequence = cs.Sequence - 1,
            Reason = $"#{cs.Sequence} arrived before #{missing}.",
        }, ct);
    }
}
