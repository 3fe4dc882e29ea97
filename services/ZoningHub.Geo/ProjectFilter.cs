using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems.Transformations;

namespace ZoningHub.Geo;

/// <summary>Applies a ProjNET transform to every coordinate in place.</summary>
sealed class ProjectFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
{
    public bool Done => false;

    public bool GeometryChanged => true;

    public void Filter(CoordinateSequence seq)
    {
        for (var i = 0; i < seq.Count; i++)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
