using Microsoft.Extensions.Hosting;

namespace ZoningHub.ServiceDefaults;

public static class HostStart
{
    /// <summary>
    /// Waits until every hosted service has started, the bus among them (it is started with WaitUntilStarted). A
    /// background service publishing before then sends into the in-memory transport before any queue is bound: the
    /// message goes nowhere, and is taken as out.
    /// </summary>
    public static async Task StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }
}
