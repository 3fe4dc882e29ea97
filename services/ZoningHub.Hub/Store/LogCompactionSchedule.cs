using Microsoft.Extensions.Options;

namespace ZoningHub.Hub.Store;

/// <summary>
/// Compacts the unit log on its own when <see cref="HubOptions.CompactLogKeep"/> is set: at start, then every
/// <see cref="HubOptions.CompactLogInterval"/>. Left to an operator's request alone, the log kept every version of
/// every unit for as long as the hub ran, each with its geometry.
/// </summary>
public sealed class LogCompactionSchedule(UnitLogCompaction compaction, IOptions<HubOptions> options, TimeProvider clock, ILogger<LogCompactionSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CompactLogKeep is not { } keep)
        {
            return;
        }

        // Off the host's start: a first compaction of a long log holds the store's write lock for a while.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.CompactLogInterval, clock);
        do
        {
            try
            {
                var (floor, dropped) = await compaction.CompactAsync(keep, stoppingToken);
                if (dropped > 0)
                {
                    logger.LogInformation("Compacted the unit log: {Dropped} superseded versions at or before revision {Floor} dropped (Hub:CompactLogKeep {Keep})",
                        dropped, floor, keep);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store that fails now (a full disk, a lock held too long) is tried again at the next tick; readiness shows the store itself.
                logger.LogError(e, "Compacting the unit log failed; it is tried again in {Interval}", options.Value.CompactLogInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
