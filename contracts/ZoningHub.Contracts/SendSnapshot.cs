namespace ZoningHub.Contracts;

/// <summary>
/// The hub asks an adapter for a full snapshot, published as the stream's next change sets. With no
/// <see cref="Layer"/> the answer covers every layer of the stream and is marked as a <see cref="SnapshotSeries"/>.
/// </summary>
public record SendSnapshot
{
    public string Stream { get; init; } = "";

    /// <summary>One layer, or empty for every layer the stream publishes.</summary>
    public string Layer { get; init; } = "";

    public string Reason { get; init; } = "";
}
