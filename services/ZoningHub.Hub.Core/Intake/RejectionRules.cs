namespace ZoningHub.Hub.Core.Intake;

/// <summary>Stable rule ids, documented in contracts/README.md; departments match on them.</summary>
public static class RejectionRules
{
    public const string SchemaVersion = "schema.version";
    public const string StreamMissing = "stream.missing";
    public const string SequenceMissing = "sequence.missing";
    public const string DepartmentUnknown = "department.unknown";
    public const string LayerUnknown = "layer.unknown";
    public const string LayerNotOwned = "authority.layer-not-owned";
    public const string StreamNotOwned = "authority.stream-not-owned";
    public const string ExchangeNotDepartment = "authority.exchange-not-department";
    public const string KindUnknown = "kind.unknown";
    public const string FeaturesMissing = "change-set.features-missing";
    public const string FeatureMissing = "feature.missing";
    public const string FeatureIdMissing = "feature.id-missing";
    public const string FeatureIdDuplicate = "feature.id-duplicate";
    public const string OperationUnknown = "feature.operation-unknown";
    public const string PropertyInvalid = "feature.property-invalid";
    public const string GeometryMissing = "geometry.missing";
    public const string GeometryUnreadable = "geometry.unreadable";
    public const string GeometryType = "geometry.type";
    public const string GeometryOutOfBounds = "geometry.out-of-bounds";
    public const string GeometryInvalid = "geometry.invalid";
    public const string GeometryTooLarge = "geometry.too-large";
    public const string TooManyFeatures = "change-set.too-large";
    public const string AllOrNothing = "change-set.all-or-nothing";
    public const string SeriesInvalid = "change-set.series-invalid";
    public const string IntegrityConflict = "integrity.sequence-reused";

    /// <summary>
    /// Held for numbers before it that never came, until an operator took it out of the hold (HeldChangeSets.Quarantine):
    /// a number far ahead of its stream's (another publisher's, a restored adapter's) is otherwise held for good, and its
    /// gap asked for again and again, every third time as a whole-stream snapshot.
    /// </summary>
    public const string GapUnfilled = "sequence.gap-unfilled";

    /// <summary>
    /// The message is not a change set the hub can read (not JSON, or a member of another JSON type than the schema's),
    /// so it has no number the hub can place; what can be read of it names its stream (<see cref="UnreadableChangeSet"/>).
    /// </summary>
    public const string BodyUnreadable = "message.unreadable";

    /// <summary>The hub failed while validating the change set: its own fault, kept in quarantine to replay once fixed.</summary>
    public const string ValidationFailed = "hub.validation-failed";

    /// <summary>
    /// Whether a change set refused under <paramref name="rule"/> takes no place in its stream: without one of its own
    /// it could use up another department's sequence numbers, and their own change set would read as an integrity alarm.
    /// An unknown department has no stream of its own (a stream starts with its department), and is not also refused as
    /// the stream's wrong owner, so its refusal alone must keep it out of the stream it names.
    /// </summary>
    public static bool TakesNoPlace(string rule) =>
        rule is BodyUnreadable or StreamMissing or SequenceMissing or DepartmentUnknown or StreamNotOwned or ExchangeNotDepartment;

    /// <summary>
    /// Why no replay can lift a refusal under <paramref name="rule"/>, or null when a fix may. A replay applies a change
    /// set at its place in its stream: one that took no place has none to be applied at (and a replay would not check a
    /// forgery's exchange again), and one whose place holds other content is an alarm kept as evidence, never an overwrite.
    /// </summary>
    public static string? Unreplayable(string rule) => rule switch
    {
        IntegrityConflict => "it reused a sequence number its stream had applied with other content; it is kept as evidence, and the department publishes the change under a new number",
        _ when TakesNoPlace(rule) => "it took no place in a stream of its publisher's, so there is none to apply it at; the department publishes it again, corrected",
        _ => null,
    };
}
