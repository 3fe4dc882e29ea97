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
    public const string IntegrityConflict = "integrity.sequence-reused";

    /// <summary>The hub failed while validating the change set: its own fault, kept in quarantine to replay once fixed.</summary>
    public const string ValidationFailed = "hub.validation-failed";
}
