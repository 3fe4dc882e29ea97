using MassTransit;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Derivation;

/// <summary>
/// Publishes the events each derivation pass recorded (<see cref="DerivationOutbox"/>), in the order recorded, and
/// deletes each once it is out. Woken after each pass and every few seconds anyway, so what a failed publish or a stop
/// left behind goes out then, and after a restart. Derivation never waits for it: a broker that is down delays the
/// events, not the units and their push to nodes.
/// </summary>
public sealed class DerivationAnnouncer(
    DerivationOutbox outbox,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    ILogger<DerivationAnnouncer> logger) : BackgroundService
{
    static readonly TimeSpan Round = TimeSpan.FromSeconds(5);

    // A publish to a broker that cannot be reached may wait for the connection to come back; a round gives up after
    // this and the next tries again.
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);

    readonly WakeSignal _wake = new();

    // A round from the wake and one called directly would otherwise read the same events and publish each twice, or
    // out of order. A round waits for the one under way: that one may have read the outbox before this pass committed.
    readonly SemaphoreSlim _oneRound = new(1, 1);

    // A broker down for an hour fails every round; the outage is logged when it starts and when it ends, not each time.
    bool _failing;

    /// <summary>Asks for a round soon: a pass has committed events.</summary>
    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The bus starts after the hub's own services. Published before, the events a restart found waiting went nowhere
        // on the in-memory transport (no queue bound yet) and were taken as out.
        await lifetime.StartedAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            await AnnounceAsync(stoppingToken);
            await _wake.WaitAsync(Round, stoppingToken);
        }
    }

    /// <summary>Publishes every recorded event in order; a publish that fails leaves it and those after it for the next round.</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        await _oneRound.WaitAsync(cancellationToken);
        try
        {
            var published = await PublishUnannouncedAsync(cancellationToken);
            if (_failing)
            {
                _failing = false;
                logger.LogInformation("Derivation events are published again: {Events} went out in order", published);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? $"not confirmed within {PublishTimeout.TotalSeconds} s" : e.Message;
            logger.Log(_failing ? LogLevel.Debug : LogLevel.Warning,
                "Could not publish derivation events ({Reason}); they are kept and go out in order once publishing works", reason);
            _failing = true;
        }
        finally
        {
            _oneRound.Release();
        }
    }

    public override void Dispose()
    {
        _oneRound.Dispose();
        base.Dispose();
    }

    async Task<int> PublishUnannouncedAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var published = 0;
        while (outbox.Unannounced(100) is { Count: > 0 } events)
        {
            foreach (var pending in events)
            {
                // In the pass's trace, as when derivation published it itself.
                using var span = ZoningHubActivity.Start("hub.announce", pending.TraceParent)?.SetTag("zoninghub.event", pending.Message.GetType().Name);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                await publisher.Publish(pending.Message, pending.Message.GetType(), timeout.Token);
                outbox.Announced(pending.Id);
                published++;
            }
        }

        return published;
    }
}
