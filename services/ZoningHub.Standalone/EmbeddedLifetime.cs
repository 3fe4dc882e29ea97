namespace ZoningHub.Standalone;

/// <summary>
/// Embedded nodes live and die with the hub's host: they must not install their own Ctrl+C handlers, which
/// would race the main host's and leave the process waiting on a half-stopped host.
/// </summary>
sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
