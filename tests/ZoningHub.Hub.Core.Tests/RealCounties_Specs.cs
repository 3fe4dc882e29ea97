using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>Derivation over the real county boundaries in ../shared/data/, with sample layers laid over each county.</summary>
public class RealCounties_Specs
{
    [Fact]
    public void Should_derive_a_valid_coverage_of_every_coded_county_in_the_national_file()
    {
        var validation = ChangeSetValidator.Validate(SharedData.Counties("china-counties.simplified.geojson"), ValidationPolicy.Default with { MaxFeaturesPerChangeSet = 5_000 });

        Assert.True(validation.Upserts.Count > 2_800, $"{validation.Upserts.Count} counties accepted; rejected: {string.Join("; ", validation.FeatureRejections.Take(5).Select(r => r.Message))}");
        AssertCoverages(validation.Upserts);
    }

    [Fact]
    public void Should_repair_the_raw_Zhejiang_boundaries_and_derive_valid_coverages()
    {
        var validation = ChangeSetValidator.Validate(SharedData.Counties("zhejiang-counties.raw.geojson.gz"));

        Assert.Empty(validation.FeatureRejections.Select(r => r.Message));
        Assert.Equal(validation.Upserts.Count, validation.Repairs.Count);
        Assert.All(validation.Repairs, r => Assert.InRange(r.AreaChangeFraction, 0, ValidationPolicy.Default.RepairAreaTolerance));
        AssertCoverages(validation.Upserts);
    }

    [Fact]
    public void Should_derive_valid_units_where_departments_draw_the_same_border_centimetres_apart()
    {
        // Each department digitises borders itself: a redline along the county's border 3.6 cm off, a water zone just
        // inside, an urban boundary just outside. Lines a grid cell apart are snapped together, so the county's own
        // edge may move by a fraction of a cell; but every unit must be a valid polygon, and no face of the arrangement,
        // however thin, may be left out of every unit or given to two.
        // Two counties where the merged faces of a unit had made a ring touch itself (the whole file takes minutes).
        var counties = ChangeSetValidator.Validate(SharedData.Counties("zhejiang-counties.raw.geojson.gz")).Upserts
            .Where(c => c.CountyCode is "330109" or "330802").ToList();
        var shift = NetTopologySuite.Geometries.Utilities.AffineTransformation.TranslationInstance(3e-7, -2e-7);
        var failures = counties.AsParallel().Select(county =>
        {
            var units = CountyDerivation.Derive(county,
            [
                OnGrid(Layers.Redline, "H", shift.Transform(county.Geometry)),
                OnGrid(Layers.DrinkingWater, "W", county.Geometry.Buffer(-0.002), ("grade", "1")),
                OnGrid(Layers.UrbanDevelopmentBoundary, "U", county.Geometry.Buffer(3e-7)),
            ], AccessCatalogue.Default);
            if (units.FirstOrDefault(u => !u.Geometry.IsValid) is { } broken)
            {
                return $"{county.Id}: unit {broken.Identity.Anchor} is not a valid polygon: {new NetTopologySuite.Operation.Valid.IsValidOp(broken.Geometry).ValidationError}";
            }

            return WiderThanSnapping(county, units) is { IsEmpty: false } wide
                ? $"{county.Id}: the units and the county differ by more than snapping moves a line, at {wide.InteriorPoint}"
                : null;
        }).Where(f => f is not null).ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} of {counties.Count} counties: {string.Join("; ", failures.Take(5))}");
    }

    /// <summary>
    /// Where the units and the county differ, or the units overlap, by more than snap-rounding explains. Snapping moves a
    /// line less than a cell, so the slivers it leaves between a drawn edge and the noded one hold no circle of radius
    /// 0.45 cells (these counties' widest hold 0.41); a face one cell wide, left out of every unit or given to two, holds one
    /// of half a cell. Measured without the grid, which would round such slivers away.
    /// </summary>
    static Geometry WiderThanSnapping(SourceFeature county, IReadOnlyList<DerivedUnit> units)
    {
        var floating = new GeometryFactory(new PrecisionModel(), GeoContext.Srid);
        var pieces = units.Select(u => floating.CreateGeometry(u.Geometry)).ToList();
        var overlaps = pieces.SelectMany((a, i) => pieces.Skip(i + 1).Select(b => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection)));
        var difference = OverlayNGRobust.Overlay(OverlayNGRobust.Union(pieces), floating.CreateGeometry(county.Geometry), SpatialFunction.SymDifference);
        return floating.BuildGeometry([difference, .. overlaps]).Buffer(-0.45 / GeoContext.PrecisionScale);
    }

    static SourceFeature OnGrid(string layer, string id, Geometry geometry, params (string Name, string Value)[] properties)
    {
        var snapped = NetTopologySuite.Precision.GeometryPrecisionReducer.Reduce(geometry, GeoContext.Factory.PrecisionModel);
        snapped.SRID = GeoContext.Srid;
        return new SourceFeature(layer, id, "v1", properties.ToDictionary(p => p.Name, p => System.Text.Json.JsonSerializer.SerializeToElement(p.Value)), snapped);
    }

    static void AssertCoverages(IReadOnlyList<SourceFeature> counties)
    {
        var failures = counties.AsParallel().Select(county =>
        {
            var units = CountyDerivation.Derive(county, SampleLayers.For(county), AccessCatalogue.Default);
            return Check(county, units);
        }).Where(f => f is not null).ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} of {counties.Count} counties: {string.Join("; ", failures.Take(5))}");
    }

    static string? Check(SourceFeature county, IReadOnlyList<DerivedUnit> units)
    {
        var geometries = units.Select(u => u.Geometry).ToArray();
        if (units.Count < 2)
        {
            return $"{county.Id}: only {units.Count} unit(s)";
        }

        if (units.FirstOrDefault(u => !u.Geometry.IsValid) is { } broken)
        {
            return $"{county.Id}: unit {broken.Identity.Anchor} is not a valid polygon: {new NetTopologySuite.Operation.Valid.IsValidOp(broken.Geometry).ValidationError}";
        }

        if (CoverageValidator.Validate(geometries).FirstOrDefault(g => g is { IsEmpty: false }) is { } invalid)
        {
            return $"{county.Id}: unit edges do not match at {invalid}";
        }

        var union = GeoContext.Factory.BuildGeometry(geometries).Union();
        var difference = union.SymmetricDifference(county.Geometry).Area;
        return difference <= county.Geometry.Area * 1e-9 ? null : $"{county.Id}: units differ from the county by {difference / county.Geometry.Area:P6}";
    }
}
