using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
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

        if (CoverageValidator.Validate(geometries).FirstOrDefault(g => g is { IsEmpty: false }) is { } invalid)
        {
            return $"{county.Id}: unit edges do not match at {invalid}";
        }

        var union = GeoContext.Factory.BuildGeometry(geometries).Union();
        var difference = union.SymmetricDifference(county.Geometry).Area;
        return difference <= county.Geometry.Area * 1e-9 ? null : $"{county.Id}: units differ from the county by {difference / county.Geometry.Area:P6}";
    }
}
