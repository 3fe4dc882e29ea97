using System.Text.Json;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Testing;

/// <summary>
/// Sample department layers laid over a county, placed from its interior point and size: a redline, a reserve
/// partly outside it, a grade-1 water zone, an urban development boundary and an industrial park that overlap
/// those in places. Deterministic, so every run derives the same units.
/// </summary>
public static class SampleLayers
{
    public static IReadOnlyList<SourceFeature> For(SourceFeature county)
    {
        var centre = county.Geometry.InteriorPoint.Coordinate;
        var size = Math.Sqrt(county.Geometry.Envelope.Area) * 0.3;
        return
        [
            Feature(Layers.Redline, county, "H", Box(centre, -size, -size / 2, 0, size / 2)),
            Feature(Layers.NatureReserve, county, "R", Box(centre, -size / 2, -size / 4, size / 4, size / 4), ("zone", "core")),
            Feature(Layers.DrinkingWater, county, "W", Box(centre, size / 5, -size / 2, size / 2, -size / 5), ("grade", "1")),
            Feature(Layers.UrbanDevelopmentBoundary, county, "U", Box(centre, -size / 8, 0, size, size / 2)),
            Feature(Layers.IndustrialPark, county, "P", Box(centre, size / 3, -size / 3, size * 0.8, size * 0.8)),
        ];
    }

    static Polygon Box(Coordinate c, double west, double south, double east, double north) =>
        (Polygon)GeoContext.Factory.ToGeometry(new Envelope(c.X + west, c.X + east, c.Y + south, c.Y + north));

    static SourceFeature Feature(string layer, SourceFeature county, string suffix, Polygon area, params (string Name, string Value)[] properties)
    {
        var snapped = NetTopologySuite.Precision.GeometryPrecisionReducer.Reduce(area, GeoContext.Factory.PrecisionModel);
        return new SourceFeature(layer, $"{county.Id}-{suffix}", "sample",
            properties.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.Value)), snapped);
    }
}
