namespace ZoningHub.Hub.Push;

/// <summary>
/// Ends a snapshot stream the node stops taking: it gives the node the time the chunk being sent needs, restarted for
/// each chunk.
/// </summary>
sealed class StallTimer : IDisposable
{
    readonly CancellationTokenSource _source;

    public StallTimer(TimeSpan allowance, CancellationToken cancellationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Restart(allowance);
    }

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    /// <summary>The time the node was last given.</summary>
    public TimeSpan Allowance { get; private set; }

    public void Restart(TimeSpan allowance)
    {
        Allowance = allowance;
        _source.CancelAfter(allowance);
    }

    public void Dispose() => _source.Dispose();
}
