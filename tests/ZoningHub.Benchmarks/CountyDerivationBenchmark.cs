using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>
/// Re-deriving one real county under ~200 source features (goal ≤ 100 ms), beside a baseline of a plain
/// OverlayNG union of the same 200 features: the least any derivation touching them all must do.
/// </summary>
[MemoryDiagnoser]
public class CountyDerivationBenchmark
{
    SourceFeature _county = null!;
    List<SourceFeature> _features = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Lin'an (330185): a large, irregular county of the national file.
        var validation = ChangeSetValidator.Validate(SharedData.Counties("china-counties.simplified.geojson"), ValidationPolicy.Default with { MaxFeaturesPerChangeSet = 5_000 });
        _county = validation.Upserts.Single(c => c.Id == "330185");
        _features = Scatter(_county, 200);
    }

    [Benchmark(Baseline = true)]
    public Geometry UnionOfTheSameFeatures() => CascadedPolygonUnion.Union(_features.Select(f => f.Geometry).ToArray());

    [Benchmark]
    public IReadOnlyList<DerivedUnit> DeriveCounty() => CountyDerivation.Derive(_county, _features, AccessCatalogue.Default);

    [Benchmark]
    public int DeriveCountyAndDetectConflicts()
    {
        var units = CountyDerivation.Derive(_county, _features, AccessCatalogue.Default);
        return units.Count + ConflictDetection.Detect(_county, _features, units).Count;
    }

    /// <summary>Features of every anchoring layer, scattered over the county with overlaps, from a fixed seed.</summary>
    public static List<SourceFeature> Scatter(SourceFeature county, int count)
    {
        var random = new Random(20261128);
        var envelope = county.Geometry.EnvelopeInternal;
        (string Layer, (string, string)[] Properties)[] kinds =
        [
            (Layers.Redline, []), (Layers.Redline, []), (Layers.Redline, []), (Layers.NatureReserve, [("zone", "core")]),
            (Layers.DrinkingWater, [("grade", "1")]), (Layers.DrinkingWater, [("grade", "2")]), (Layers.NaturalPark, [("kind", "forest-park")]),
            (Layers.UrbanDevelopmentBoundary, []), (Layers.IndustrialPark, []), (Layers.Farmland, []),
        ];
        return Enumerable.Range(0, count).Select(i =>
        {
            var (layer, properties) = kinds[i % kinds.Length];
            var centre = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
            var radius = envelope.Width * (0.01 + random.NextDouble() * 0.04);
            // A 24-sided polygon: department polygons have many more vertices than a box.
            var shape = (Polygon)GeoContext.Factory.CreatePoint(centre).Buffer(radius, 6);
            var snapped = NetTopologySuite.Precision.GeometryPrecisionReducer.Reduce(shape, GeoContext.Factory.PrecisionModel);
            return new SourceFeature(layer, $"{layer}-{i:D3}", "bench",
                properties.ToDictionary(p => p.Item1, p => JsonSerializer.SerializeToElement(p.Item2)), snapped);
        }).ToList();
    }
}
