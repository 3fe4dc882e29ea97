using ZoningHub.Contracts;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Store;

/// <summary>
/// What subscribers hear of one derivation pass: one <c>UnitsRevised</c> for its unit versions and one
/// <c>ConflictOpened</c>, <c>ConflictChanged</c> or <c>ConflictResolved</c> per conflict transition.
/// </summary>
static class DerivationEvents
{
    /// <summary>
    /// In order of the first revision each names. Units and conflicts draw revisions from one sequence, county by county,
    /// so a conflict of the pass's first county can precede the units of the next; passes follow one another.
    /// </summary>
    public static IEnumerable<object> Of(IReadOnlyList<LoggedUnit> units, IReadOnlyList<ConflictRecord> conflicts)
    {
        var events = conflicts.Select(Transition).ToList();
        if (units.Count > 0)
        {
            // RevisedAt is when the versions were written, not when the event finally went out after an outage.
            events.Add((units[0].Revision, new UnitsRevised
            {
                FromRevision = units[0].Revision,
                ToRevision = units[^1].Revision,
                Counties = [.. units.Select(u => u.County).Distinct()],
                UnitCodes = [.. units.Select(u => u.Code)],
                RevisedAt = units[^1].RevisedAt,
            }));
        }

        return events.OrderBy(e => e.Revision).Select(e => e.Message);
    }

    static (long Revision, object Message) Transition(ConflictRecord conflict) => conflict switch
    {
        { IsOpen: false } => (conflict.ResolvedRevision!.Value,
            new ConflictResolved { ConflictId = conflict.Id, Rule = conflict.Rule, Revision = conflict.ResolvedRevision.Value }),
        { ChangedRevision: { } changed } => (changed, new ConflictChanged
        {
            ConflictId = conflict.Id, Rule = conflict.Rule, FeatureA = conflict.FeatureA, FeatureB = conflict.FeatureB,
            County = conflict.County, AreaSquareMetres = conflict.AreaSquareMetres, Revision = changed, OpenedRevision = conflict.OpenedRevision,
            GeometryGeoJson = GeoJson.Write(GeoContext.ReadWkb(conflict.GeometryWkb)),
        }),
        _ => (conflict.OpenedRevision, new ConflictOpened
        {
            ConflictId = conflict.Id, Rule = conflict.Rule, FeatureA = conflict.FeatureA, FeatureB = conflict.FeatureB,
            County = conflict.County, AreaSquareMetres = conflict.AreaSquareMetres, Revision = conflict.OpenedRevision,
            GeometryGeoJson = GeoJson.Write(GeoContext.ReadWkb(conflict.GeometryWkb)),
        }),
    };
}
