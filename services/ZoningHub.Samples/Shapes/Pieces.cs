using NetTopologySuite.Geometries;

namespace ZoningHub.Samples.Shapes;

/// <summary>
/// A layer's polygons kept side by side rather than unioned. Cutting a small shape against only the pieces whose
/// envelopes meet it is a handful of small overlays; cutting it against the union of a county's redline is one
/// large overlay per shape, and that made the generator ten times slower.
/// </summary>
sealed class Pieces(IEnumerable<Geometry> geometries)
{
    readonly List<Geometry> _items = [.. geometries.Where(g => !g.IsEmpty)];

    public static Pieces None { get; } = new([]);

    public bool IsEmpty => _items.Count == 0;

    public Pieces With(params Geometry[] more) => new(_items.Concat(more));

    public Pieces With(Pieces more) => new(_items.Concat(more._items));

    /// <summary><paramref name="geometry"/> minus every piece, polygons only.</summary>
    public Geometry CutFrom(Geometry geometry)
    {
        foreach (var piece in _items)
        {
            if (geometry.IsEmpty)
            {
                break;
            }

            geometry = Polygons.Minus(geometry, piece);
        }

        return geometry;
    }

    public bool Covers(Coordinate at) =>
        _items.Any(p => p.EnvelopeInternal.Contains(at) && p.Intersects(p.Factory.CreatePoint(at)));

    /// <summary>A uniformly drawn point inside one of the pieces (a piece chosen by area, then a point in it).</summary>
    public Coordinate? PointIn(SampleRandom random) => IsEmpty ? null : Blobs.PointIn(Pick(random), random);

    public Coordinate? PointOnBoundary(SampleRandom random) => IsEmpty ? null : Blobs.PointOnBoundary(Pick(random), random);

    Geometry Pick(SampleRandom random)
    {
        var draw = random.NextDouble() * _items.Sum(p => p.Area);
        foreach (var piece in _items)
        {
            if ((draw -= piece.Area) < 0)
            {
                return piece;
            }
        }

        return _items[^1];
    }
}
