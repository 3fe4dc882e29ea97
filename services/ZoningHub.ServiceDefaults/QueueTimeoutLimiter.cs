using System.Threading.RateLimiting;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// A concurrency limiter whose queue is waited in for at most <paramref name="wait"/>: the limiter itself waits as long
/// as the request lives, so a caller behind stalled listings hung rather than being told to come back.
/// </summary>
sealed class QueueTimeoutLimiter(ConcurrencyLimiter inner, TimeSpan wait) : RateLimiter
{
    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waited.CancelAfter(wait);
        try
        {
            return await inner.AcquireAsync(permitCount, waited.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WaitedTooLong();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    sealed class WaitedTooLong : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.ReasonPhrase.Name ? "waited too long for a listing's turn" : null;
            return metadata is not null;
        }
    }
}
