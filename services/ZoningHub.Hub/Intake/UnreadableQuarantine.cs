using MassTransit;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// Quarantines a message the broker brought that is no change set the hub can read (<see cref="UnreadableChangeSet"/>),
/// and announces it to the department whose exchange it came through: it went to the broker's error queue, where no
/// dashboard listed it and no department heard of it. Delivered again, it finds its open entry.
/// </summary>
public sealed class UnreadableQuarantine(
    QuarantineStore quarantine,
    RejectionAnnouncer rejections,
    IBus bus,
    HubMetrics metrics,
    StoreWrites writes,
    ILogger<UnreadableQuarantine> logger)
{
    /// <param name="why">The reader's reason.</param>
    /// <param name="enveloped">A MassTransit envelope, whose <c>message</c> is the change set; otherwise plain JSON.</param>
    /// <param name="deliveredBy">The department whose exchange it came through, where the transport tells.</param>
    /// <returns>The quarantine entry's id.</returns>
    /// <exception cref="Exception">The entry could not be written; the caller keeps the message elsewhere.</exception>
    public async Task<long> QuarantineAsync(ReadOnlyMemory<byte> body, string why, bool enveloped, string? deliveredBy, CancellationToken cancellationToken)
    {
        var (named, reason) = UnreadableChangeSet.Describe(body.Span, why, enveloped);
        long id;
        bool heldBefore;
        try
        {
            (id, heldBefore) = quarantine.Add(named, [reason], UnreadableChangeSet.Text(body.Span), UnreadableChangeSet.Fingerprint(body.Span), deliveredBy);
            writes.Succeeded("intake");
        }
        catch (Exception e)
        {
            writes.Failed("intake", e);
            throw;
        }

        if (heldBefore)
        {
            logger.LogInformation("An unreadable message came again; it is in quarantine already as {QuarantineId}", id);
            return id;
        }

        logger.LogWarning("Quarantined an unreadable message as {QuarantineId} (through {Department}'s exchange, naming {Stream} #{Sequence}): {Reason}",
            id, deliveredBy ?? "an unknown", named.Stream, named.Sequence, reason.Message);
        metrics.ChangeSetRejected(deliveredBy ?? named.Department);
        try
        {
            await rejections.AnnounceAsync(bus, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Kept as unannounced with the entry: the next intake batch or gap watcher round announces it.
            logger.LogWarning("Announcing quarantine entry {QuarantineId} failed ({Reason}); it is announced with the next round", id, e.Message);
        }

        return id;
    }
}
