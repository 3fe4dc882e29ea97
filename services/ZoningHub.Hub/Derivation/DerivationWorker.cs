using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Derivation;

/// <summary>
/// The derivation stage: drains marked counties, derives their units with the pure core and commits the
/// changed ones to the unit log, then tells pushers and subscribers.
/// </summary>
public sealed class DerivationWorker(
    DerivationStore store,
    DerivationSignal signal,
    UnitLogSignal logSignal,
    IServiceScopeFactory scopes,
    HubMetrics metrics,
    ILogger<DerivationWorker> logger) : BackgroundService
{
    const int CountiesPerCommit = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DrainOnceAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Marks stay in the store; the next pass retries them.
                logger.LogError(e, "Derivation pass failed; marked counties are kept and retried");
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }

    /// <returns>True when counties were drained and more may be waiting.</returns>
    async Task<bool> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var marked = store.Marked(CountiesPerCommit);
        if (marked.Count == 0)
        {
            return false;
        }

        var started = TimeProvider.System.GetTimestamp();
        var derived = marked.Select(mark => (mark, Derive(mark.County))).ToList();
        var appended = store.Commit(derived);
        metrics.Derived(appended.Count, TimeProvider.System.GetElapsedTime(started));
        if (appended.Count > 0)
        {
            logger.LogInformation("Derived {Counties} counties: revisions {FromRevision}–{Revision}",
                marked.Count, appended[0].Revision, appended[^1].Revision);
            logSignal.Wake();
            await PublishAsync(appended, cancellationToken);
        }

        return marked.Count == CountiesPerCommit;
    }

    IReadOnlyList<DerivedUnit> Derive(string county)
    {
        var sources = store.LoadSources(county);
        // A county whose boundary was deleted has no units left: every unit it had is retired.
        return sources is null ? [] : CountyDerivation.Derive(sources.Value.County, sources.Value.Overlapping, AccessCatalogue.Default);
    }

    // After the commit, so subscribers never hear of a revision that is not stored; a crash in between loses
    // only the notification, and readers catch up from the log.
    async Task PublishAsync(IReadOnlyList<LoggedUnit> appended, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await publisher.Publish(new UnitsRevised
        {
            FromRevision = appended[0].Revision,
            ToRevision = appended[^1].Revision,
            Counties = [.. appended.Select(u => u.County).Distinct()],
            UnitCodes = [.. appended.Select(u => u.Code)],
            RevisedAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
    }
}
