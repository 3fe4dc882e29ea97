namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>
/// Why the outbox is not draining: the change set it keeps trying to publish, the broker's or the client's reason, since
/// when and how often. The outbox keeps the change set (nothing is lost), but the stream waits behind it, so an operator
/// needs to see why without reading the adapter's log.
/// </summary>
/// <param name="Sequence">The change set that failed; null when the failure came before one was sent (no connection).</param>
public sealed record PublishFailure(long? Sequence, string Reason, DateTimeOffset Since, int Attempts)
{
    /// <summary>
    /// The failure in words an operator can act on. A broker refuses a message larger than its <c>max_message_size</c>
    /// (RabbitMQ 4 defaults to 16 MiB, 3.x to 128 MiB) by closing the channel, which the client reports in the broker's
    /// words only: the same change set would be refused for ever.
    /// </summary>
    public static string Explain(Exception failure)
    {
        var reason = failure.Message;
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!reason.Contains(inner.Message, StringComparison.Ordinal))
            {
                reason += $" ({inner.Message})";
            }
        }

        return reason.Contains("larger than configured max size", StringComparison.OrdinalIgnoreCase)
            ? reason + " — the broker refuses messages this large and will refuse this change set at every retry, the stream waiting "
                + "behind it in the outbox: raise the broker's max_message_size to take it. A lower MaxGeometryBytesPerChangeSet makes later "
                + "exports' change sets smaller but cannot split this one, and a feature this large alone is best simplified at its source"
            : reason;
    }
}
