using System.Text.Json.Serialization;
using ZoningHub.Contracts.Json;

namespace ZoningHub.Contracts;

/// <summary>
/// A department's change set for one layer, number <see cref="Sequence"/> of its <see cref="Stream"/>.
/// Wire identity: URN <c>urn:message:ZoningHub.Contracts:ChangeSetPublished</c>, JSON schema
/// <c>contracts/schemas/change-set.v1.schema.json</c>. Additive changes only; breaking ones get a V2 type.
/// </summary>
public record ChangeSetPublished : IJsonOnDeserializing
{
    string _kind = ChangeSetKinds.Delta;
    IReadOnlyList<FeatureChange> _features = [];

    [JsonConverter(typeof(WholeNumberConverter<int>))]
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The publishing stream, e.g. <c>natural-resources.one-map</c>; sequences count per stream.</summary>
    public string Stream { get; init; } = "";

    /// <summary>1, 2, 3… per stream, with no gaps.</summary>
    [JsonConverter(typeof(WholeNumberConverter<long>))]
    public long Sequence { get; init; }

    /// <summary>Department id from DESIGN §1, e.g. <c>natural-resources</c>.</summary>
    public string Department { get; init; } = "";

    /// <summary>Layer id from DESIGN §1, e.g. <c>admin-division</c>.</summary>
    public string Layer { get; init; } = "";

    /// <summary>
    /// <see cref="ChangeSetKinds.Delta"/> or <see cref="ChangeSetKinds.Snapshot"/>. Null when a JSON body left it out: the
    /// schema requires it, and a snapshot taken for a delta would delete nothing it meant to.
    /// </summary>
    public string Kind { get => _kind; init => _kind = value; }

    [JsonConverter(typeof(Rfc3339Converter))]
    public DateTimeOffset ExportedAt { get; init; }

    /// <summary>
    /// Null when a JSON body left it out (or sent it under another name): the schema requires it, and a snapshot taken as
    /// empty would delete its whole layer from the stream.
    /// </summary>
    public IReadOnlyList<FeatureChange> Features { get => _features; init => _features = value; }

    /// <summary>When true, one rejected feature refuses the whole change set; by default good features are applied.</summary>
    public bool AllOrNothing { get; init; }

    /// <summary>Set on the snapshot change sets that answer a whole-stream <see cref="SendSnapshot"/>.</summary>
    public SnapshotSeries? Series { get; init; }

    /// <summary>Reserved for the department's signature over the canonical change set (DESIGN §5, Evidence).</summary>
    public ChangeSetSignature? Signature { get; init; }

    /// <summary>
    /// Before a JSON body's members are read: the two required members whose .NET default is a meaning of its own (an empty
    /// list, a delta) start unset, so one the body leaves out is refused by name, not taken as that meaning. Records made in
    /// .NET keep the defaults.
    /// </summary>
    void IJsonOnDeserializing.OnDeserializing() => (_kind, _features) = (null!, null!);
}
