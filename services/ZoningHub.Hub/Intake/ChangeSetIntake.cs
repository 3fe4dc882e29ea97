using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The intake stage around the pure validator: applies change sets in stream order, quarantines what is
/// refused, asks adapters for what is missing, and wakes derivation.
/// </summary>
public sealed class ChangeSetIntake(
    IntakeStore store,
    DerivationSignal derivation,
    RejectionAnnouncer rejections,
    ReusedNumbers reusedNumbers,
    HubMetrics metrics,
    StoreWrites writes,
    IOptions<HubOptions> options,
    ILogger<ChangeSetIntake> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Takes a batch off the broker; rejections are announced through <paramref name="publisher"/>.</summary>
    public async Task TakeAsync(IReadOnlyList<Arrival> arrivals, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var batch = arrivals.Select(a => a.ChangeSet).ToList();
        // A batch gathers change sets of many traces: each gets an intake span of its own, in its sender's trace.
        var spans = batch.Select((changeSet, i) => ZoningHubActivity.StartBeside("hub.intake", arrivals[i].Sender)
            ?.SetTag("zoninghub.stream", changeSet.Stream).SetTag("zoninghub.sequence", changeSet.Sequence).SetTag("zoninghub.batch", batch.Count))
            .ToList();
        try
        {
            Apply(batch, spans, [.. arrivals.Select(a => a.DeliveredBy)], cancellationToken);
            writes.Succeeded("intake");
            // Counted once taken: while the store cannot be written the batch is retried in place, and counted before
            // applying, one change set read as one more arrival at every retry.
            foreach (var changeSet in batch)
            {
                metrics.ChangeSetReceived(changeSet.Department);
            }

            await rejections.AnnounceAsync(publisher, cancellationToken);
        }
        catch (Exception e)
        {
            // A full disk fails every batch while the store still opens and reads: readiness is told (StoreWrites keeps
            // only such failures), and each change set's trace shows its intake failed, and why (the batch is retried,
            // each retry a span of its own).
            writes.Failed("intake", e);
            spans.ForEach(span => span.Failed(e.Message));
            throw;
        }
        finally
        {
            spans.ForEach(span => span?.Dispose());
        }
    }

    /// <summary>
    /// Applies held change sets that are next in their stream, and complete whole-stream series held after a gap. Taking
    /// a batch does this at once; this catches what a crash left behind (the predecessor committed, or the series' last
    /// member was held, and the process died before applying it), which would otherwise wait forever, as their broker
    /// messages were acknowledged when they were held.
    /// </summary>
    public async Task ApplyReadyHeldAsync(IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        foreach (var stream in store.StreamsWithReadyHeld())
        {
            ApplyHeldRun(stream, cancellationToken);
        }

        foreach (var (stream, series) in store.CompleteHeldSeries())
        {
            ApplySeries(stream, series, cancellationToken);
        }

        await rejections.AnnounceAsync(publisher, cancellationToken);
    }

    /// <summary>
    /// Applies the held run that is next in the stream. A snapshot series at its head goes to
    /// <see cref="ApplySeries"/>, which applies it only whole; otherwise the run up to the next series member
    /// is taken like a batch, so members are never validated and held again on every tick while the series is incomplete.
    /// </summary>
    void ApplyHeldRun(string stream, CancellationToken cancellationToken)
    {
        var held = store.ReadyHeldRun(stream).Select(h => (ChangeSet: JsonSerializer.Deserialize<ChangeSetPublished>(h.Body, Json)!, h.TraceParent)).ToList();
        if (held is [var head, ..] && ChangeSetValidator.IsSeriesMember(head.ChangeSet))
        {
            ApplySeries(stream, head.ChangeSet.Series!, cancellationToken);
            return;
        }

        var run = held.TakeWhile(h => !ChangeSetValidator.IsSeriesMember(h.ChangeSet)).ToList();
        if (run.Count > 0)
        {
            logger.LogInformation("Applying {Count} held change sets of {Stream} that are next now", run.Count, stream);
            Apply([.. run.Select(h => h.ChangeSet)], null, null, cancellationToken, [.. run.Select(h => h.TraceParent)]);
        }
    }

    /// <param name="spans">The change sets' intake spans, in batch order; held ones applied later have none.</param>
    /// <param name="deliveredBy">
    /// The change sets' departments by the exchange they came through, in batch order. Held ones, applied later, were
    /// checked when they arrived: a change set refused for it takes no place in a stream, so it is never held.
    /// </param>
    /// <param name="heldTraces">Held change sets' own traces, in batch order: kept when they were held, their counties are marked in them.</param>
    void Apply(IReadOnlyList<ChangeSetPublished> batch, IReadOnlyList<Activity?>? spans, IReadOnlyList<string?>? deliveredBy,
        CancellationToken cancellationToken, IReadOnlyList<string?>? heldTraces = null)
    {
        // Without a trace of its own (held before traces were kept) a change set's counties are marked in the trace that made it ready.
        var ambient = Activity.Current.TraceParent();
        // Validation parses and checks every geometry: spread it over the cores, the transaction stays single.
        var items = batch.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select((changeSet, i) => (Item: Prepare(changeSet, spans?[i].TraceParent() ?? heldTraces?[i] ?? ambient, deliveredBy?[i]), Span: spans?[i]))
            .ToList();
        // Sorting a batch by sequence applies change sets that arrived out of order without holding them.
        var ordered = items
            .OrderBy(i => i.Item.ChangeSet.Stream, StringComparer.Ordinal).ThenBy(i => i.Item.ChangeSet.Sequence)
            .ToList();
        var outcomes = store.ApplyAll([.. ordered.Select(i => i.Item)]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Span?.SetTag("zoninghub.intake", outcomes[i].Disposition.ToString());
            Report(ordered[i].Item, outcomes[i]);
        }

        foreach (var series in ordered.Select(i => i.Item.ChangeSet).Where(ChangeSetValidator.IsSeriesMember)
                     .DistinctBy(cs => (cs.Stream, cs.Series!.First)).ToList())
        {
            ApplySeries(series.Stream, series.Series!, cancellationToken);
        }

        if (outcomes.Any(o => o.Disposition == IntakeDisposition.Applied))
        {
            derivation.Wake();
        }

        // A change set that came early may be next now: apply it without waiting for a redelivery. So may a held copy
        // whose number another copy claimed (the alarm): that one is not applied in its place.
        var advanced = ordered.Zip(outcomes).Where(p => p.Second.Disposition is IntakeDisposition.Applied or IntakeDisposition.IntegrityConflict)
            .Select(p => p.First.Item.ChangeSet.Stream).Distinct(StringComparer.Ordinal);
        foreach (var stream in advanced)
        {
            ApplyHeldRun(stream, cancellationToken);
        }
    }

    /// <summary>Applies a snapshot series once all its members are held (see <see cref="IntakeStore.ApplySeries"/>).</summary>
    void ApplySeries(string stream, SnapshotSeries series, CancellationToken cancellationToken)
    {
        if (store.ReadySeries(stream, series) is not { Count: > 0 } held)
        {
            return;
        }

        var members = held.Select(h => Prepare(JsonSerializer.Deserialize<ChangeSetPublished>(h.Body, Json)!, h.TraceParent ?? Activity.Current.TraceParent())).ToList();
        if (members.FirstOrDefault(m => m.ChangeSet.Series != series) is { } stranger)
        {
            // A change set that is not of this series holds one of its numbers: applying it as a member would delete
            // every feature of its layer it does not list. The series waits; an operator sees it held.
            logger.LogWarning("Stream {Stream}: #{Sequence} is not a member of snapshot series #{First}–#{Last}, whose number it holds; the series is not applied",
                stream, stranger.ChangeSet.Sequence, series.First, series.Last);
            return;
        }

        var outcome = store.ApplySeries(members);
        if (!outcome.Applied)
        {
            return;
        }

        if (outcome.Skipped is { } skipped)
        {
            logger.LogWarning("Stream {Stream}: #{From}–#{To} never arrived; the snapshot series #{First}–#{Last} supersedes them",
                stream, skipped.From, skipped.To, series.First, series.Last);
        }

        logger.LogInformation("Applied snapshot series {Stream} #{First}–#{Last} ({Layers}): {Counties} counties marked", stream,
            series.First, series.Last, string.Join(", ", members.Select(m => m.ChangeSet.Layer).Distinct()), outcome.MarkedCounties);
        foreach (var (member, quarantineId) in members.Zip(outcome.QuarantineIds))
        {
            metrics.ChangeSetApplied(member.ChangeSet.Department);
            if (quarantineId is not null)
            {
                LogRejected(member.ChangeSet, [.. member.Validation.AllRejections]);
            }
        }

        derivation.Wake();
        ApplyHeldRun(stream, cancellationToken);
    }

    IntakeItem Prepare(ChangeSetPublished changeSet, string? traceParent, string? deliveredBy = null)
    {
        ChangeSetValidation validation;
        try
        {
            validation = ChangeSetValidator.Validate(changeSet, options.Value.Validation, deliveredBy);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The hub's own fault, on input no rule foresaw. Let through, it would fail the whole batch, good change sets
            // of other streams with it, again at every redelivery: this one is refused and kept, and the rest flow.
            logger.LogError(e, "Validating change set {Stream} #{Sequence} failed in the hub; it is quarantined", changeSet.Stream, changeSet.Sequence);
            validation = ChangeSetValidation.Refused([ChangeSetValidator.Reject(RejectionRules.ValidationFailed, null,
                $"the hub failed validating it ({e.GetType().Name}: {e.Message}); it is kept to replay once the hub is fixed.")]);
        }

        // The store takes a refused change set too (its sequence, its quarantine entry), so it gets no nulls; the body
        // kept for the quarantine and replay is the change set as it came.
        return new(WithoutNulls(changeSet), validation, ChangeSetFingerprint.Of(changeSet), JsonSerializer.Serialize(changeSet, Json))
        {
            TraceParent = traceParent, DeliveredBy = deliveredBy,
        };
    }

    /// <summary>A change set published as plain JSON can have nulls where the record has none; each reads as empty.</summary>
    static ChangeSetPublished WithoutNulls(ChangeSetPublished changeSet) => changeSet with
    {
        Stream = changeSet.Stream ?? "", Department = changeSet.Department ?? "", Layer = changeSet.Layer ?? "", Kind = changeSet.Kind ?? "",
        Features = changeSet.Features ?? [],
    };

    void Report(IntakeItem item, IntakeOutcome outcome)
    {
        var (changeSet, validation, _, _) = item;
        if (outcome.QuarantinedBefore)
        {
            // The broker delivers at least once: the refusal was logged and counted when it first came.
            logger.LogInformation("Change set {Stream} #{Sequence} came again; it is in quarantine already as {QuarantineId}",
                changeSet.Stream, changeSet.Sequence, outcome.QuarantineId);
            return;
        }

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

                if (outcome.QuarantineId is not null)
                {
                    LogRejected(changeSet, [.. validation.AllRejections]);
                }

                break;
            case IntakeDisposition.Duplicate:
                logger.LogInformation("Ignored duplicate change set {Stream} #{Sequence}", changeSet.Stream, changeSet.Sequence);
                break;
            case IntakeDisposition.Quarantined:
                // No stream position to take, or none it may take: the stream flows on without it.
                LogRejected(changeSet, validation.ChangeSetRejections);
                break;
            case IntakeDisposition.Held when ChangeSetValidator.IsSeriesMember(changeSet):
                // Held though it may be next: a series is applied only whole, so it waits for its other members, not for
                // itself; one of a layer (not whole-stream) after a gap also waits for the numbers before it.
                var series = changeSet.Series!;
                var gap = !series.WholeStream && series.First > outcome.LastApplied + 1 ? $"#{outcome.LastApplied + 1}–#{series.First - 1} arrive and " : "";
                logger.LogInformation("Holding change set {Stream} #{Sequence} until {Gap}every member of its snapshot series #{First}–#{Last} is here (a series is applied only whole)",
                    changeSet.Stream, changeSet.Sequence, gap, series.First, series.Last);
                break;
            case IntakeDisposition.Held:
                // Usually the missing one is just behind in the queue; the gap watcher asks for it if it is not.
                logger.LogInformation("Holding change set {Stream} #{Sequence} until #{Missing} arrives",
                    changeSet.Stream, changeSet.Sequence, outcome.LastApplied + 1);
                break;
            default:
                logger.LogError("Integrity alarm: change set {Stream} #{Sequence} reuses a sequence with different content; quarantined as {QuarantineId}",
                    changeSet.Stream, changeSet.Sequence, outcome.QuarantineId);
                LogRejected(changeSet, []);
                reusedNumbers.Seen(changeSet.Stream);
                break;
        }
    }

    void LogRejected(ChangeSetPublished cs, IReadOnlyList<Rejection> reasons)
    {
        metrics.ChangeSetRejected(cs.Department);
        foreach (var reason in reasons)
        {
            logger.LogWarning("Rejected {Stream} #{Sequence} feature {FeatureId}: {Rule}: {Reason}", cs.Stream, cs.Sequence, reason.FeatureId, reason.Rule, reason.Message);
        }
    }
}
