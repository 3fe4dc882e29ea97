using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// One face of a county's noded arrangement, which knows whether it lies in an area (the county, an anchor).
/// The face's interior point is not rounded to the precision grid: in a face one cell wide the rounded point lands
/// on the face's own edge, and the face then lay in neither area beside it, so it fell out of every unit or went to
/// the lower-precedence anchor.
/// </summary>
sealed class Face
{
    // Snap-rounding moves a line at most half a cell's diagonal from where it was drawn, so a point more than a cell
    // inside the face is on the same side as the whole face of every boundary drawn.
    static readonly double Clearance = 1 / GeoContext.PrecisionScale;

    readonly Point? _deepPoint;

    public Face(Polygon polygon)
    {
        Polygon = polygon;
        var point = GeoContext.Factory.CreatePoint(InteriorPointArea.GetInteriorPoint(polygon));
        _deepPoint = point.Distance(polygon.Boundary) > Clearance ? point : null;
    }

    public Polygon Polygon { get; }

    public bool LiesIn(IPreparedGeometry area)
    {
        if (_deepPoint is not null)
        {
            return area.Contains(_deepPoint);
        }

        if (!area.Intersects(Polygon))
        {
            return false;
        }

        // A face no wider than snapping moves a line lies where most of it lies. Measured without the grid, which
        // would round so thin a piece away; only the area is read, nothing built from it enters a unit.
        return area.Covers(Polygon)
            || OverlayNGRobust.Overlay(Polygon, area.Geometry, SpatialFunction.Intersection).Area * 2 > Polygon.Area;
    }
}
