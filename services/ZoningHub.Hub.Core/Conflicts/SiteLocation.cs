using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>
/// Which polygon a point site lies in when it lies on their edges: the one just east of it, or just north of it where
/// the edge runs east–west, as if the site were moved an infinitesimal ε east and ε² north. Polygons that tile an area,
/// as a county's units do, then hold each site in exactly one of them, and the county east of a border holds a site on
/// it; a longitude on the edge between two Gauss-Krüger zones belongs to the eastern zone in the same way.
/// </summary>
public static class SiteLocation
{
    /// <summary>Whether <paramref name="site"/>, moved ε east and ε² north, lies inside <paramref name="polygonal"/>.</summary>
    public static bool LiesIn(Geometry polygonal, Coordinate site)
    {
        // The moved site is inside when the line x = site.X + ε, northward of it, crosses the rings an odd number of times.
        var crossings = 0;
        foreach (var polygon in PolygonExtracter.GetPolygons(polygonal).Cast<Polygon>())
        {
            foreach (var ring in new[] { polygon.Shell }.Concat(polygon.Holes))
            {
                var points = ring.Coordinates;
                for (var i = 1; i < points.Length; i++)
                {
                    crossings += PassesNorthOf(points[i - 1], points[i], site) ? 1 : 0;
                }
            }
        }

        return crossings % 2 == 1;
    }

    /// <summary>Whether the edge a–b passes north of the site moved ε east and ε² north, exactly (robust orientation).</summary>
    static bool PassesNorthOf(Coordinate a, Coordinate b, Coordinate site)
    {
        var (west, east) = a.X <= b.X ? (a, b) : (b, a);

        // The line x = site.X + ε passes through no vertex, so it crosses exactly the edges that start at or west of the
        // site and end east of it, and never a north–south edge.
        if (west.X > site.X || site.X >= east.X)
        {
            return false;
        }

        return Orientation.Index(west, east, site) switch
        {
            // The site lies south of the edge, and so does the moved site.
            OrientationIndex.Clockwise => true,
            // The site lies on the edge: ε east the edge has risen by its slope times ε, more than ε², unless it falls or is level.
            OrientationIndex.Collinear => east.Y > west.Y,
            _ => false,
        };
    }
}
