using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// Publishes the <c>ChangeSetRejected</c> event of every quarantine entry whose event is not out yet (DESIGN §5: the
/// publishing department hears of it), after intake's transaction committed them. Run after each batch and each
/// round of the gap watcher, so an event whose publish failed goes out then, and after a restart.
/// </summary>
public sealed class RejectionAnnouncer(QuarantineStore quarantine, IBus bus) : IDisposable
{
    // The consumer and the gap watcher would otherwise both read the same unannounced entries and publish each twice.
    // A round waits for the one under way rather than skipping: that one may have read the outbox empty just before
    // this round's entries committed.
    readonly SemaphoreSlim _oneRound = new(1, 1);

    public async Task AnnounceAsync(IPublishEndpoint publisher, CancellationToken ct)
    {
        await _oneRound.WaitAsync(ct);
        try
        {
            await AnnounceUnannouncedAsync(publisher, ct);
        }
        finally
        {
            _oneRound.Release();
        }
    }

    public void Dispose() => _oneRound.Dispose();

    async Task AnnounceUnannouncedAsync(IPublishEndpoint publisher, CancellationToken ct)
    {
        while (quarantine.Unannounced(100) is { Count: > 0 } entries)
        {
            foreach (var entry in entries)
            {
                var rejected = new ChangeSetRejected
                {
                    Stream = entry.Stream, Sequence = entry.Sequence, Department = entry.Department, Layer = entry.Layer,
                    QuarantineId = entry.Id, Rejections = entry.Reasons, RejectedAt = entry.ReceivedAt,
                };
                await publisher.Publish(rejected, ct);

                // Also to the publishing department's own rejection exchange: the deployment's broker lets a department
                // read only under its prefix, so this is where it can follow its rejections. Not the stream's department:
                // a change set refused for naming another department's stream or exchange came from elsewhere, and the
                // department it named did not publish it. An entry from before publishers were kept goes to its stream's.
                var department = entry.Publisher ?? (string.IsNullOrWhiteSpace(entry.Stream) ? null : Topology.DepartmentOfStream(entry.Stream));
                if (LayerCatalog.IsKnownDepartment(department))
                {
                    var endpoint = await (publisher as ISendEndpointProvider ?? bus).GetSendEndpoint(new Uri($"exchange:{Topology.RejectionExchange(department!)}?type=fanout"));
                    await endpoint.Send(rejected, ct);
                }

                quarantine.Announced(entry.Id);
            }
        }
    }
}
