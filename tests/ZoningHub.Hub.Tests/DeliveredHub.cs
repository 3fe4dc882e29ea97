using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>For the determinism specs: one hub given change sets in a chosen order, perhaps restarted on the way.</summary>
static class DeliveredHub
{
    /// <summary>Delivers <paramref name="deliveries"/> in order to a new hub, restarted before delivery <paramref name="restartAfter"/>, and reads it once settled at <paramref name="final"/>.</summary>
    public static async Task<T> RunAsync<T>(IReadOnlyList<ChangeSetPublished> deliveries, int? restartAfter, (string Stream, long Sequence)[] final, Func<HubHost, T> read)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var hub = await HubHost.StartAsync(data.Path);
        try
        {
            for (var i = 0; i < deliveries.Count; i++)
            {
                if (i == restartAfter)
                {
                    await hub.DisposeAsync();
                    hub = await HubHost.StartAsync(data.Path);
                }

                await hub.SendAndTakeAsync(deliveries[i]);
            }

            await hub.SettledAsync(final);
            return read(hub);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
