using ZoningHub.Contracts;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>
/// Validates a change set as published. Header rules refuse the whole set; feature rules refuse only
/// that feature, so good features keep flowing (DESIGN §5).
/// </summary>
public static class ChangeSetValidator
{
    public const int SupportedSchemaVersion = 1;

    public static ChangeSetValidation Validate(ChangeSetPublished changeSet) => Validate(changeSet, ValidationPolicy.Default);

    /// <param name="deliveredBy">
    /// The department whose exchange the broker delivered it through, where the transport tells: only that department
    /// can publish there, so a change set naming another is refused.
    /// </param>
    public static ChangeSetValidation Validate(ChangeSetPublished changeSet, ValidationPolicy policy, string? deliveredBy = null)
    {
        var header = ValidateHeader(changeSet, policy, deliveredBy).ToList();
        if (header.Count > 0)
        {
            return ChangeSetValidation.Refused(header);
        }

        var rejections = new List<Rejection>();
        var upserts = new List<SourceFeature>();
        var deletes = new List<string>();
        var repairs = new List<Repair>();
        // Why each id's first copy was refused, or null when it passed: what a later copy's refusal says (Duplicate).
        var firstCopies = new Dictionary<string, Rejection?>(StringComparer.Ordinal);
        foreach (var (feature, index) in changeSet.Features.Select((f, i) => (f, i)))
        {
            // A change set published as plain JSON can hold anything, nulls included, whatever the record's types say.
            if (feature is null)
            {
                rejections.Add(Reject(RejectionRules.FeatureMissing, null, $"features[{index}] is null; each feature is an object with an id."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(feature.Id))
            {
                rejections.Add(Reject(RejectionRules.FeatureIdMissing, null, $"features[{index}] has no id."));
                continue;
            }

            if (firstCopies.TryGetValue(feature.Id, out var first))
            {
                rejections.Add(Duplicate(feature.Id, first));
                continue;
            }

            var refusedBefore = rejections.Count;
            switch (feature.Operation)
            {
                case FeatureOperations.Delete:
                    deletes.Add(feature.Id);
                    break;
                case FeatureOperations.Upsert:
                    var (accepted, rejection, repair) = FeatureValidator.Validate(changeSet.Layer, feature, policy);
                    if (accepted is not null)
                    {
                        upserts.Add(accepted);
                        if (repair is not null)
                        {
                            repairs.Add(repair);
                        }
                    }
                    else
                    {
                        rejections.Add(rejection!);
                    }

                    break;
                default:
                    rejections.Add(Reject(RejectionRules.OperationUnknown, feature.Id,
                        $"Feature '{feature.Id}': 'operation' is {(feature.Operation is null ? "null" : QuotedInput.Of(feature.Operation))}; "
                        + $"it takes \"{FeatureOperations.Upsert}\" or \"{FeatureOperations.Delete}\" (lowercase), or leave it out for an upsert."));
                    break;
            }

            firstCopies[feature.Id] = rejections.Count > refusedBefore ? rejections[^1] : null;
        }

        if (changeSet.AllOrNothing && rejections.Count > 0)
        {
            return ChangeSetValidation.Refused(
            [
                Reject(RejectionRules.AllOrNothing, null,
                    $"the change set asked for all or nothing and {rejections.Count} of its {changeSet.Features.Count} features were rejected; nothing was applied."),
                .. rejections,
            ]);
        }

        return new ChangeSetValidation([], rejections, upserts, deletes, repairs);
    }

    /// <summary>
    /// A later copy of an id is never applied, even when the first is refused: which copy stands must not hang on
    /// today's limits, and a replay after the fix applies the first, as intake would have under the fixed rules.
    /// </summary>
    static Rejection Duplicate(string id, Rejection? first) => Reject(RejectionRules.FeatureIdDuplicate, id, first is null
        ? $"Feature id '{id}' appears more than once in this change set; only the first copy is applied."
        : $"Feature id '{id}' appears more than once in this change set; only the first copy counts, and it is refused ({first.Rule}), so none is applied.");

    static IEnumerable<Rejection> ValidateHeader(ChangeSetPublished changeSet, ValidationPolicy policy, string? deliveredBy)
    {
        if (deliveredBy is not null && deliveredBy != changeSet.Department)
        {
            yield return Reject(RejectionRules.ExchangeNotDepartment, null,
                $"it came through {Topology.ChangeSetExchange(deliveredBy)}, where only {deliveredBy} publishes, but names department "
                + $"'{changeSet.Department}'; a department publishes through its own exchange.");
        }

        if (changeSet.Features is null)
        {
            // Missing is refused, not taken as empty: a snapshot without features would delete its whole layer from the stream.
            yield return Reject(RejectionRules.FeaturesMissing, null,
                "features is missing; send an array of features under 'features' (an empty one changes a delta nothing, and empties a snapshot's layer).");
        }
        else if (changeSet.Features.Count > policy.MaxFeaturesPerChangeSet)
        {
            yield return Reject(RejectionRules.TooManyFeatures, null,
                $"the change set has {changeSet.Features.Count} features; the limit is {policy.MaxFeaturesPerChangeSet}. Split it into several change sets.");
        }

        if (changeSet.SchemaVersion != SupportedSchemaVersion)
        {
            yield return Reject(RejectionRules.SchemaVersion, null,
                $"schemaVersion {changeSet.SchemaVersion} is not supported; this hub reads version {SupportedSchemaVersion}.");
        }

        if (string.IsNullOrWhiteSpace(changeSet.Stream))
        {
            yield return Reject(RejectionRules.StreamMissing, null, "stream is missing; name the publishing stream, e.g. 'natural-resources.one-map'.");
        }

        if (changeSet.Sequence < 1)
        {
            yield return Reject(RejectionRules.SequenceMissing, null,
                $"sequence is missing or below 1 (got {changeSet.Sequence}); number each stream's change sets 1, 2, 3…");
        }

        // An unknown department is refused as that alone: whose layer or stream it may publish cannot be asked of it, and
        // the refusals said so with a suggested stream '.<system>'. It takes no place in the stream it names either
        // (RejectionRules.TakesNoPlace), as a known department naming another's stream does not.
        var knownDepartment = LayerCatalog.IsKnownDepartment(changeSet.Department);
        if (!knownDepartment)
        {
            yield return Reject(RejectionRules.DepartmentUnknown, null,
                $"{Named("department", changeSet.Department)}; expected one of {string.Join(", ", LayerCatalog.Departments)}.");
        }

        var owner = LayerCatalog.OwnerOf(changeSet.Layer);
        if (owner is null)
        {
            yield return Reject(RejectionRules.LayerUnknown, null,
                $"{Named("layer", changeSet.Layer)}; expected one of {string.Join(", ", LayerCatalog.AllLayers)}.");
        }
        else if (knownDepartment && owner != changeSet.Department)
        {
            yield return Reject(RejectionRules.LayerNotOwned, null,
                $"department '{changeSet.Department}' may not publish layer '{changeSet.Layer}'; it belongs to '{owner}'.");
        }

        if (knownDepartment && !string.IsNullOrWhiteSpace(changeSet.Stream) && Topology.DepartmentOfStream(changeSet.Stream) != changeSet.Department)
        {
            yield return Reject(RejectionRules.StreamNotOwned, null,
                $"stream '{changeSet.Stream}' must start with the publishing department, e.g. '{changeSet.Department}.<system>'.");
        }

        if (changeSet.Kind is not (ChangeSetKinds.Delta or ChangeSetKinds.Snapshot))
        {
            // Missing is refused, not taken as a delta: a snapshot sent without its kind would delete nothing it meant to.
            yield return Reject(RejectionRules.KindUnknown, null, changeSet.Kind is null
                ? $"kind is missing; send '{ChangeSetKinds.Delta}' or '{ChangeSetKinds.Snapshot}'."
                : $"kind {QuotedInput.Of(changeSet.Kind)} is not one of '{ChangeSetKinds.Delta}', '{ChangeSetKinds.Snapshot}'.");
        }

        if (SeriesProblem(changeSet) is { } series)
        {
            yield return Reject(RejectionRules.SeriesInvalid, null, series);
        }
    }

    /// <summary>Members one snapshot series may have: a stream's layers, each split into change sets of at most 10,000 features.</summary>
    public const int MaxSeriesMembers = 1_000;

    /// <summary>
    /// Whether the change set is a member of a well-formed snapshot series: one the hub holds until the series is
    /// whole. A malformed <c>series</c> (a delta, or a sequence outside it) is refused, and it is not held as a member:
    /// a series of a thousand missing members would hold the stream forever.
    /// </summary>
    public static bool IsSeriesMember(ChangeSetPublished changeSet) => changeSet.Series is not null && SeriesProblem(changeSet) is null;

    static string? SeriesProblem(ChangeSetPublished changeSet) => changeSet.Series is not { } series ? null
        : changeSet.Kind != ChangeSetKinds.Snapshot ? $"series is given on a change set of kind '{changeSet.Kind}'; only snapshot change sets form a series."
        : series.First < 1 || series.First > changeSet.Sequence || changeSet.Sequence > series.Last
            ? $"series #{series.First}–#{series.Last} does not contain this change set's sequence {changeSet.Sequence}."
        : series.Last - series.First + 1 > MaxSeriesMembers ? $"series #{series.First}–#{series.Last} has more than {MaxSeriesMembers} members."
        : null;

    static string Named(string field, string? value) => value is null ? $"{field} is missing" : $"{field} '{value}' is unknown";

    public static Rejection Reject(string rule, string? featureId, string message) =>
        new() { Rule = rule, FeatureId = featureId, Message = message };
}
