namespace ZoningHub.Contracts;

/// <summary>
/// A department's change set for one layer, number <see cref="Sequence"/> of its <see cref="Stream"/>.
/// Wire identity: URN <c>urn:message:ZoningHub.Contracts:ChangeSetPublished</c>, JSON schema
/// <c>contracts/schemas/change-set.v1.schema.json</c>. Additive changes only; breaking ones get a V2 type.
/// </summary>
public record ChangeSetPublished
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The publishing stream, e.g. <c>natural-resources.one-map</c>; sequences count per stream.</summary>
    public string Stream { get; init; } = "";

    /// <summary>1, 2, 3… per stream, with no gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>Department id from DESIGN §1, e.g. <c>natural-resources</c>.</summary>
    public string Department { get; init; } = "";

    /// <summary>Layer id from DESIGN §1, e.g. <c>admin-division</c>.</summary>
    public string Layer { get; init; } = "";

    /// <summary><see cref="ChangeSetKinds.Delta"/> or <see cref="ChangeSetKinds.Snapshot"/>.</summary>
    public string Kind { get; init; } = ChangeSetKinds.Delta;

    public DateTimeOffset ExportedAt { get; init; }

    public IReadOnlyList<FeatureChange> Features { get; init; } = [];

    /// <summary>When true, one rejected feature refuses the whole change set; by default good features are applied.</summary>
    public bool AllOrNothing { get; init; }

    /// <summary>Set on the snapshot change sets that answer a whole-stream <see cref="SendSnapshot"/>.</summary>
    public SnapshotSeries? Series { get; init; }

    /// <summary>Reserved for the department's signature over the canonical change set (DESIGN §5, Evidence).</summary>
    public ChangeSetSignature? Signature { get; init; }
}
