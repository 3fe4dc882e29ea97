using System.Text.Json.Serialization;
using ZoningHub.Contracts.Json;

namespace ZoningHub.Contracts;

/// <summary>
/// Marks the snapshot change sets that together answer one <see cref="SendSnapshot"/>, in sequences
/// <see cref="First"/>…<see cref="Last"/>. A layer's snapshot may span several of them, so the hub applies a
/// series only whole. A <see cref="WholeStream"/> series covers every layer the stream publishes: it says
/// everything any missing earlier change set could have said, so the hub may apply it over a gap that
/// resending could not close.
/// </summary>
public record SnapshotSeries
{
    [JsonConverter(typeof(WholeNumberConverter<long>))]
    public long First { get; init; }

    [JsonConverter(typeof(WholeNumberConverter<long>))]
    public long Last { get; init; }

    public bool WholeStream { get; init; }
}
