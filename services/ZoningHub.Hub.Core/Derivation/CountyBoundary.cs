using ZoningHub.Geo;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// A county's boundary from the admin-division features that carry its code. One-map may publish a county as several
/// (a mainland and its islands): the boundary is their union, so the units cover every part whatever order they came
/// in, and it cites every part, so an edit of any of them is a new version of the county's units.
/// </summary>
public static class CountyBoundary
{
    public static SourceFeature? Of(IReadOnlyList<SourceFeature> parts)
    {
        if (parts.Count < 2)
        {
            return parts.Count == 0 ? null : parts[0];
        }

        var ordered = parts.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var union = Polygonal.Of(GeoContext.Factory.BuildGeometry(ordered.Select(p => p.Geometry)).Union());
        return ordered[0] with { Geometry = union, Parts = ordered };
    }
}
