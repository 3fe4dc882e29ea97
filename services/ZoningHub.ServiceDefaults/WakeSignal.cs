using System.Threading.Channels;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Wakes a waiting worker. Wakes coalesce: many changes while the worker is busy make one more pass,
/// which is how many changes to one county become one re-derivation, or many exports one outbox drain.
/// </summary>
public class WakeSignal
{
    readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _pending.Writer.TryWrite(true);

    /// <summary>Waits for a wake or the timeout, whichever comes first; the timeout is the safety net after a restart.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _pending.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: look anyway.
        }
    }
}
