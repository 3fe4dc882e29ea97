using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// Keeps held change sets moving (DESIGN §5). At start and then every few seconds it applies held runs that
/// are next in their stream (a crash after a predecessor committed leaves such a run with nothing to wake
/// it), and asks adapters to resend what is missing when a gap outlives a grace period. Waiting first
/// matters: concurrent publishing reorders change sets a little all the time, and asking at once for every
/// brief gap would flood the adapters with requests for change sets already on their way. A gap that stays open
/// is asked for again less and less often (5 s, 10 s, 20 s … at most every 5 minutes), and each request expires
/// when the next is due: an adapter away for a weekend finds one request waiting, not thousands of snapshots.
/// </summary>
public sealed class GapWatcher(IntakeStore store, ReusedNumbers reusedNumbers, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    TimeProvider clock, ILogger<GapWatcher> logger)
    : BackgroundService
{
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>Resend requests for one gap before the hub asks for a whole-stream snapshot instead.</summary>
    public const int ResendsBeforeSnapshot = 2;

    static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    // Per gap (stream, first missing), how often it was asked for and when last, by the monotonic clock (the hub's
    // clock set back would otherwise hold the next request back as long); kept in memory: after a restart asking
    // again is right.
    readonly Dictionary<(string Stream, long From), (int Asked, long At)> _asked = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its first round publishes what a restart found waiting (rejection events, resend requests): not before the bus is up.
        await lifetime.StartedAsync(stoppingToken);
        await AskForWhatFollowsAsync(_ => true,
            last => $"the hub started holding #{last} as the last applied; anything published after it that the hub may not have", stoppingToken);
        using var timer = new PeriodicTimer(Grace);
        do
        {
            try
            {
                using (var scope = scopes.CreateScope())
                {
                    await scope.ServiceProvider.GetRequiredService<ChangeSetIntake>()
                        .ApplyReadyHeldAsync(scope.ServiceProvider.GetRequiredService<IPublishEndpoint>(), stoppingToken);
                }

                var gaps = store.Gaps(Grace);
                foreach (var gap in gaps)
                {
                    var (asked, at) = _asked.GetValueOrDefault((gap.Stream, gap.From));
                    if (asked == 0 || clock.GetElapsedTime(at) >= WaitAfter(asked))
                    {
                        _asked[(gap.Stream, gap.From)] = (asked + 1, clock.GetTimestamp());
                        await RequestAsync(gap, asked + 1, WaitAfter(asked + 1), stoppingToken);
                    }
                }

                if (reusedNumbers.Take() is { Count: > 0 } reused)
                {
                    await AskForWhatFollowsAsync(s => reused.Contains(s.Stream),
                        last => $"a change set reused a number the hub had applied with other content; the hub's last applied is #{last}, and numbering goes on after it",
                        stoppingToken);
                }

                foreach (var closed in _asked.Keys.Where(k => !gaps.Any(g => (g.Stream, g.From) == k)).ToList())
                {
                    _asked.Remove(closed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not apply held or ask for missing change sets; trying again in {Seconds} s", Grace.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Asks streams the hub knows for anything published after their last applied number: every stream once at start,
    /// and those that reused a number (<see cref="ReusedNumbers"/>). A gap shows only when a later change set comes: a
    /// store put back from a backup (or that lost its write-ahead log) has forgotten change sets their adapters had sent
    /// and the broker confirmed, and with the adapters idle nothing later would come for days. An adapter that has
    /// published nothing since answers with nothing; one that numbered less than the hub applied numbers on after it.
    /// </summary>
    /// <param name="reason">Why, given the stream's last applied number.</param>
    async Task AskForWhatFollowsAsync(Func<StreamRecord, bool> which, Func<long, string> reason, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>();
            foreach (var stream in scope.ServiceProvider.GetRequiredService<StreamStore>().All().Where(s => s.LastSequence > 0 && which(s)))
            {
                try
                {
                    var endpoint = await RequestsOfAsync(sender, stream.Stream);
                    await endpoint.Send(new ResendChangeSets
                    {
                        Stream = stream.Stream, FromSequence = stream.LastSequence + 1, ToSequence = null,
                        Reason = reason(stream.LastSequence),
                    }, context => context.TimeToLive = LongestWait, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One stream's request failing does not keep the others from theirs; a gap that shows later is asked for as any other.
                    logger.LogWarning(e, "Could not ask for change sets of {Stream} published after #{LastSequence}", stream.Stream, stream.LastSequence);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not ask the adapters for change sets published after the hub's last applied ones");
        }
    }

    /// <summary>
    /// Where the adapter of <paramref name="stream"/>'s department takes requests. The adapter declares its request queue
    /// (a quorum queue) and the exchange of the same name bound to it; addressing the exchange leaves the queue's
    /// declaration to its owner.
    /// </summary>
    static Task<ISendEndpoint> RequestsOfAsync(ISendEndpointProvider sender, string stream) =>
        sender.GetSendEndpoint(new Uri($"exchange:{Topology.AdapterRequestQueue(Topology.DepartmentOfStream(stream))}"));

    /// <summary>How long after the <paramref name="asked"/>th request the gap is asked for again: doubling from the grace period.</summary>
    public static TimeSpan WaitAfter(int asked) => TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, Grace.Ticks << Math.Min(asked - 1, 16)));

    /// <summary>
    /// Asks for a resend first; when resends do not close the gap, for a whole-stream snapshot (DESIGN §5). The
    /// request lives until the next is due (<paramref name="expiresAfter"/>), so an adapter that was away takes one.
    /// </summary>
    async Task RequestAsync(StreamGap gap, int asked, TimeSpan expiresAfter, CancellationToken cancellationToken)
    {
        var department = Topology.DepartmentOfStream(gap.Stream);
        using var scope = scopes.CreateScope();
        var endpoint = await RequestsOfAsync(scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>(), gap.Stream);
        if (asked % (ResendsBeforeSnapshot + 1) != 0)
        {
            logger.LogWarning("Stream {Stream} is missing #{FromSequence}–{ToSequence}; asking {Department} to resend them",
                gap.Stream, gap.From, gap.To, department);
            await endpoint.Send(new ResendChangeSets
            {
                Stream = gap.Stream, FromSequence = gap.From, ToSequence = gap.To,
                Reason = $"#{gap.From}–{gap.To} are missing: later change sets (or members of their series) arrived, they did not within {Grace.TotalSeconds} s.",
            }, context => context.TimeToLive = expiresAfter, cancellationToken);
            return;
        }

        // A gap no snapshot closes is asked for every few minutes for good: its held change sets lie beyond anything the stream sends.
        logger.LogWarning("Stream {Stream} is still missing #{FromSequence}–{ToSequence} after {Resends} resend requests; asking {Department} for a snapshot. "
            + "If the change sets held after the gap are numbered beyond anything the stream will send, move them to the quarantine: POST {QuarantineHeld}",
            gap.Stream, gap.From, gap.To, asked - 1, department, $"/api/streams/{gap.Stream}/held/quarantine");
        await endpoint.Send(new SendSnapshot
        {
            Stream = gap.Stream,
            Reason = $"#{gap.From}–{gap.To} were asked for {asked - 1} times and did not come; a whole-stream snapshot supersedes them.",
        }, context => context.TimeToLive = expiresAfter, cancellationToken);
    }
}
