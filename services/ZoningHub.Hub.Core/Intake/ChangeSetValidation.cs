using ZoningHub.Contracts;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>
/// What intake does with one change set: refuse it whole (header rules), or apply the accepted upserts and
/// deletes and quarantine the rejected features.
/// </summary>
public sealed record ChangeSetValidation(
    IReadOnlyList<Rejection> ChangeSetRejections,
    IReadOnlyList<Rejection> FeatureRejections,
    IReadOnlyList<SourceFeature> Upserts,
    IReadOnlyList<string> Deletes,
    IReadOnlyList<Repair> Repairs)
{
    public bool IsRefused => ChangeSetRejections.Count > 0;

    public IEnumerable<Rejection> AllRejections => ChangeSetRejections.Concat(FeatureRejections);

    public static ChangeSetValidation Refused(IReadOnlyList<Rejection> rejections) => new(rejections, [], [], [], []);
}
