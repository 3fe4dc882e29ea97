using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// Keeps held change sets moving (DESIGN §5). At start and then every few seconds it applies held runs that
/// are next in their stream (a crash after a predecessor committed leaves such a run with nothing to wake
/// it), and asks adapters to resend what is missing when a gap outlives a grace period. Waiting first
/// matters: concurrent publishing reorders change sets a little all the time, and asking at once for every
/// brief gap would flood the adapters with requests for change sets already on their way.
/// </summary>
public sealed class GapWatcher(IntakeStore store, IServiceScopeFactory scopes, ILogger<GapWatcher> logger) : BackgroundService
{
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

                foreach (var gap in store.Gaps(Grace))
                {
                    await RequestResendAsync(gap, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not apply held or ask for missing change sets; trying again in {Seconds} s", Grace.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task RequestResendAsync(StreamGap gap, CancellationToken cancellationToken)
    {
        var department = Topology.DepartmentOfStream(gap.Stream);
        logger.LogWarning("Stream {Stream} is missing #{FromSequence}–{ToSequence}; asking {Department} to resend them",
            gap.Stream, gap.From, gap.To, department);
        using var scope = scopes.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>();
        var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{Topology.AdapterRequestQueue(department)}"));
        await endpoint.Send(new ResendChangeSets
        {
            Stream = gap.Stream, FromSequence = gap.From, ToSequence = gap.To,
            Reason = $"#{gap.To + 1} and later arrived, #{gap.From}–{gap.To} did not within {Grace.TotalSeconds} s.",
        }, cancellationToken);
    }
}
