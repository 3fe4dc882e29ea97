using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Polygonize;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// Derives the control units of one county from its source features (DESIGN §3).
/// The county's boundary and every anchor's boundary are noded together on the precision grid and
/// polygonized into faces; each face inside the county goes to the highest-precedence anchor that contains
/// it, or else to the general unit. So the units never overlap, cover the county, and share their edges
/// vertex for vertex: a valid polygonal coverage, not merely pieces that happen to fit.
/// </summary>
public static class CountyDerivation
{
    /// <summary>An anchor whose share is smaller than this, or a sliver by width (<see cref="Sliver"/>), yields no unit.</summary>
    public const double DefaultSliverSquareMetres = 1.0;

    public static IReadOnlyList<DerivedUnit> Derive(SourceFeature county, IReadOnlyList<SourceFeature> overlapping,
        AccessCatalogue catalogue, double sliverSquareMetres = DefaultSliverSquareMetres)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var code = county.CountyCode ?? county.Id;
        var (anchors, owners) = Arrange(county.Geometry, Anchor.WithinCounty(county.Geometry, overlapping, sliverSquareMetres), sliverSquareMetres);

        var units = new List<DerivedUnit>();
        foreach (var (anchor, index) in anchors.Select((a, i) => (a, i)))
        {
            if (owners.Where(o => o.Owner == index).Select(o => o.Face).ToArray() is { Length: > 0 } own)
            {
                units.Add(Unit(new UnitIdentity(code, anchor.Role.Type, anchor.Key), own,
                    [.. county.Citations, .. anchor.Features.Select(f => f.Citation)], catalogue.For(anchor.Role.Type, anchor.Role.CatalogueKeys)));
            }
        }

        if (owners.Where(o => o.Owner == General).Select(o => o.Face).ToArray() is { Length: > 0 } rest)
        {
            units.Add(Unit(UnitIdentity.General(code), rest, county.Citations,
                catalogue.For(UnitType.GeneralControl, [])));
        }

        return units;
    }

    const int General = -1;

    /// <summary>The faces of the noded arrangement of all boundaries that lie inside the county.</summary>
    static List<Face> Faces(Geometry county, IReadOnlyList<Anchor> anchors)
    {
        if (anchors.Count == 0)
        {
            return [.. PolygonsOf(county).Select(polygon => new Face(polygon))];
        }

        // A union of linework nodes it: every crossing becomes a vertex on both lines, snapped to the grid.
        var linework = GeoContext.Factory.BuildGeometry([county.Boundary, .. anchors.Select(a => a.Area.Boundary)]).Union();
        var polygonizer = new Polygonizer();
        polygonizer.Add(linework);
        var inside = PreparedGeometryFactory.Prepare(county);
        return [.. polygonizer.GetPolygons().Cast<Polygon>().Select(polygon => new Face(polygon)).Where(face => face.LiesIn(inside))];
    }

    /// <summary>
    /// The faces with their owners, and the anchors that own more than a sliver. An anchor left a sliver by those above
    /// it yields no unit, and the arrangement is made again without it: its faces pass to the next owner, and its
    /// boundary leaves no vertex in units that do not cite it. Shares only grow as anchors above them go, so the second
    /// round finds no more.
    /// </summary>
    static (IReadOnlyList<Anchor> Anchors, List<(Polygon Face, int Owner)> Owners) Arrange(Geometry county, IReadOnlyList<Anchor> anchors,
        double sliverSquareMetres)
    {
        while (true)
        {
            var owners = Assign(Faces(county, anchors), anchors);
            var kept = anchors.Where((_, i) => !Sliver.Is([.. owners.Where(o => o.Owner == i).Select(o => o.Face)], sliverSquareMetres)).ToList();
            if (kept.Count == anchors.Count)
            {
                return (anchors, owners);
            }

            anchors = kept;
        }
    }

    /// <summary>Each face's owner: the first anchor in precedence order that holds it, else the general unit.</summary>
    static List<(Polygon Face, int Owner)> Assign(List<Face> faces, IReadOnlyList<Anchor> anchors) =>
    [
        .. faces.Select(face => (face.Polygon, Enumerable.Range(0, anchors.Count).Where(i => face.LiesIn(anchors[i].Prepared)).DefaultIfEmpty(General).First())),
    ];

    static IEnumerable<Polygon> PolygonsOf(Geometry geometry) =>
        Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>();

    static DerivedUnit Unit(UnitIdentity identity, Polygon[] faces, IReadOnlyList<string> sources, IReadOnlyList<AccessRule> access)
    {
        var geometry = Polygonal.Of(faces.Length == 1 ? faces[0] : CoverageUnion.Union(faces));
        if (!geometry.IsValid)
        {
            // Faces meeting at a single vertex merge into a ring that touches itself, which OGC reads as invalid. The
            // overlay's union of the same faces, already noded on the grid, makes it a shell with a hole touching it:
            // the same area and the same edges.
            geometry = Polygonal.Of(GeoContext.Factory.BuildGeometry(faces).Union());
        }

        geometry.SRID = GeoContext.Srid;
        var area = GaussKruger.AreaSquareMetres(geometry);
        return new DerivedUnit(identity, geometry, area, sources, access, UnitContentHash.Compute(identity, geometry, area, sources, access));
    }
}
