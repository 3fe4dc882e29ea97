using System.Diagnostics;
using Microsoft.Extensions.Options;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Hub.Derivation;

/// <summary>
/// The derivation stage: drains marked counties, derives their units and conflicts with the pure core (on
/// every core), commits what changed and the events that tell of it in one transaction, then wakes the pushers and
/// the <see cref="DerivationAnnouncer"/>, which publishes the events.
/// </summary>
public sealed class DerivationWorker(
    DerivationStore store,
    DerivationSignal signal,
    UnitLogSignal logSignal,
    DerivationAnnouncer announcer,
    IOptions<HubOptions> options,
    HubMetrics metrics,
    StoreWrites writes,
    ILogger<DerivationWorker> logger) : BackgroundService
{
    const int CountiesPerCommit = 50;

    /// <summary>Derivation's name among the store's writers (<see cref="StoreWrites"/>).</summary>
    const string Writer = "derivation";

    // OpenTelemetry's default limit of links on a span: a pass over many counties, each marked by many change sets,
    // links the first so many and counts the rest.
    const int LinksPerPass = 128;

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
                // Nothing after the commit can fail (its events are published by DerivationAnnouncer), so a failure
                // here came before or in the commit, whose transaction was rolled back: the marks are all still there.
                logger.LogError(e, "Derivation pass failed and was not committed; marked counties are kept and retried");
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            await Task.Delay(options.Value.DerivationDelay, stoppingToken);
        }
    }

    /// <returns>True when counties were drained and more may be waiting.</returns>
    async Task<bool> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var marked = store.Marked(CountiesPerCommit);
        if (marked.Count == 0)
        {
            // Nothing waits to be written: a write failure derivation recorded no longer stands in for the store's state
            // (marks are kept while a commit fails, so this is reached only once they are all committed, or a store read
            // again after a repair found none).
            writes.Succeeded(Writer);
            return false;
        }

        // One pass coalesces the changes of many change sets: it continues the trace of the first and links every
        // other, however many marked the same county before it ran.
        var traces = marked.SelectMany(m => m.TraceParents).Distinct(StringComparer.Ordinal).ToList();
        var dropped = marked.Sum(m => m.TracesDropped) + Math.Max(0, traces.Count - LinksPerPass);
        using var span = ZoningHubActivity.StartCoalesced("hub.derive", [.. traces.Take(LinksPerPass)])
            ?.SetTag("zoninghub.counties", marked.Select(m => m.County).ToArray());
        if (dropped > 0)
        {
            span?.SetTag("zoninghub.traces.dropped", dropped);
        }

        var started = TimeProvider.System.GetTimestamp();
        var outcomes = marked.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(Derive).ToList();
        DerivationCommit commit;
        try
        {
            commit = store.Commit(outcomes, span.TraceParent());
            writes.Succeeded(Writer);
        }
        catch (Exception e)
        {
            // Only the commit's failure: a read that fails (a store damaged for a moment) is readiness's own read check's to see.
            writes.Failed(Writer, e);
            throw;
        }

        metrics.Derived(commit.Units.Count, TimeProvider.System.GetElapsedTime(started));
        if (commit.Units.Count > 0)
        {
            span?.SetTag("zoninghub.revision.from", commit.Units[0].Revision).SetTag("zoninghub.revision.to", commit.Units[^1].Revision);
        }

        if (commit.Failures.Count > 0)
        {
            // In the trace of each change set that marked them, the counties that kept their last units read as failed, with why.
            foreach (var (county, error) in commit.Failures)
            {
                span?.AddEvent(new ActivityEvent("zoninghub.county.failed", tags: new() { ["zoninghub.county"] = county, ["error.message"] = error }));
            }

            span.Failed($"{commit.Failures.Count} of {marked.Count} counties failed, first {commit.Failures[0].County}: {commit.Failures[0].Error}");
        }

        if (!commit.IsEmpty)
        {
            logger.LogInformation("Derived {Counties} counties: {Units} unit versions, {Conflicts} conflict transitions",
                marked.Count, commit.Units.Count, commit.Conflicts.Count);
            logSignal.Wake();
            announcer.Wake();
        }

        return marked.Count == CountiesPerCommit;
    }

    /// <summary>One county, isolated: a county whose sources break derivation must not hold up every other county.</summary>
    CountyOutcome Derive(MarkedCounty mark)
    {
        try
        {
            return DeriveCounty(mark);
        }
        // Anything but the store failing (or the hub stopping) is this county's: a geometry library error of a type no one
        // foresaw, let through, failed the whole pass, and the next pass took the same counties first and failed again.
        // A store failure fails the pass, whose marks are kept: recorded as the county's failure, its mark would be cleared.
        catch (Exception e) when (e is not (OperationCanceledException or Microsoft.Data.Sqlite.SqliteException or IOException or OutOfMemoryException))
        {
            logger.LogError(e, "Could not derive county {County}; its previous units stay in force", mark.County);
            return new CountyOutcome(mark, [], [], $"{e.GetType().Name}: {e.Message}");
        }
        // A page of the store damaged on disk under this county's sources fails every read of them, not only this pass's:
        // failing the pass, as a busy or full store does, held every county up until the store was mended.
        catch (Microsoft.Data.Sqlite.SqliteException e) when (IsDamage(e))
        {
            logger.LogError(e, "The hub's store is damaged where county {County}'s sources are kept; its previous units stay in force", mark.County);
            return new CountyOutcome(mark, [], [], $"The hub's store is damaged where this county's sources are kept ({e.Message}). "
                + "Its previous units stay in force. Put the store back from a backup, or recover it (sqlite3 hub.db .recover), "
                + "then rebuild (POST /api/admin/rebuild) to derive this county again.");
        }
    }

    /// <summary>SQLite's own words for a damaged file: the page it read is not what it wrote (not a busy or full store, which pass).</summary>
    static bool IsDamage(Microsoft.Data.Sqlite.SqliteException e) => e.SqliteErrorCode is 11 or 26; // SQLITE_CORRUPT, SQLITE_NOTADB

    CountyOutcome DeriveCounty(MarkedCounty mark)
    {
        var sources = store.LoadSources(mark.County);
        if (sources is null)
        {
            // A county whose boundary was deleted has no units left: every unit it had is retired.
            return new CountyOutcome(mark, [], []);
        }

        var (county, overlapping) = sources.Value;
        var units = CountyDerivation.Derive(county, overlapping, AccessCatalogue.Default, options.Value.UnitSliverSquareMetres);
        return new CountyOutcome(mark, units, ConflictDetection.Detect(county, overlapping, units, options.Value.ConflictSliverSquareMetres));
    }
}
