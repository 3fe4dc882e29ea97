using System.Diagnostics;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using NetTopologySuite.Utilities;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>
/// Conflict detection in a county of many farmland patches under one detailed redline (a real county has tens of
/// thousands of patches): the time to detect beside the time to derive the same county's units, in the same run.
/// </summary>
public static class FarmlandConflictsBenchmark
{
    public static int Run(int patches)
    {
        // Lin'an (330185): a large, irregular county of the national file.
        var validation = ChangeSetValidator.Validate(SharedData.Counties("china-counties.simplified.geojson"), ValidationPolicy.Default with { MaxFeaturesPerChangeSet = 5_000 });
        var county = validation.Upserts.Single(c => c.Id == "330185");
        var envelope = county.Geometry.EnvelopeInternal;
        var centre = envelope.Centre;
        var circle = new GeometricShapeFactory(GeoContext.Factory) { Centre = centre, Size = envelope.Height * 0.5, NumPoints = 20_000 }.CreateCircle();
        var features = new List<SourceFeature> { Feature(Layers.Redline, "H1", GeometryPrecisionReducer.Reduce(circle, GeoContext.Factory.PrecisionModel)) };
        var side = (int)Math.Ceiling(Math.Sqrt(patches));
        var (w, h) = (envelope.Width / side, envelope.Height / side);
        for (var i = 0; i < patches; i++)
        {
            var (x, y) = (envelope.MinX + (i % side) * w, envelope.MinY + (i / side) * h);
            var box = GeoContext.Factory.ToGeometry(new Envelope(Math.Round(x, 7), Math.Round(x + w * 0.6, 7), Math.Round(y, 7), Math.Round(y + h * 0.6, 7)));
            if (box.Intersects(county.Geometry))
            {
                features.Add(Feature(Layers.Farmland, $"F{i}", box));
            }
        }

        var (derive, detect) = (new List<double>(), new List<double>());
        var conflicts = 0;
        for (var run = 0; run < 4; run++)
        {
            var clock = Stopwatch.StartNew();
            var units = CountyDerivation.Derive(county, features, AccessCatalogue.Default);
            derive.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            conflicts = ConflictDetection.Detect(county, features, units).Count;
            detect.Add(clock.Elapsed.TotalMilliseconds);
        }

        // The first run compiles; the median of the other three.
        double Median(List<double> times) => times.Skip(1).Order().ElementAt(1);
        Console.WriteLine($"county 330185 ({county.Geometry.NumPoints:N0} vertices), redline of 20,000 vertices, {features.Count - 1:N0} farmland patches, {conflicts:N0} conflicts");
        Console.WriteLine($"derive (baseline) {Median(derive):N0} ms; detect conflicts {Median(detect):N0} ms; detect/derive {Median(detect) / Median(derive):N2}×");
        return 0;
    }

    static SourceFeature Feature(string layer, string id, Geometry geometry) =>
        new(layer, id, "v1", new Dictionary<string, JsonElement>(), geometry);
}
