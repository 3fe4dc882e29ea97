using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace ZoningHub.Samples.Tests;

[Collection(Samples.Name)]
public sealed class When_exports_carry_deliberate_defects(SampleRun run)
{
    SampleDefect Defect(string layer, string kind) => Assert.Single(run.Manifests[0].Defects, d => d.Layer == layer && d.Kind == kind);

    [Fact]
    public void Should_list_every_defect_with_a_feature_in_its_layers_export()
    {
        Assert.Equal(4, run.Manifests[0].Defects.Count);
        foreach (var defect in run.Manifests[0].Defects)
        {
            var path = run.PathOf(0, defect.Layer);
            var features = path.EndsWith(".zip", StringComparison.Ordinal) ? Exports.ReadShapefile(path) : Exports.ReadGeoJson(path);
            Assert.Contains(features, f => Exports.Id(f, defect.Layer) == defect.FeatureId);
        }
    }

    [Fact]
    public void Should_keep_every_other_feature_valid_through_projection_and_rounding()
    {
        foreach (var file in run.Manifests[0].Files)
        {
            var path = Path.Combine(run.Root, file.Path);
            var features = file.Format == "shapefile-zip" ? Exports.ReadShapefile(path) : Exports.ReadGeoJson(path);
            var invalid = features.Where(f => !f.Geometry.IsValid || f.Geometry.IsEmpty).Select(f => Exports.Id(f, file.Layer));
            Assert.Equal(run.Manifests[0].Defects.Where(d => d.Layer == file.Layer && d.Kind == "self-intersection").Select(d => d.FeatureId), invalid);
        }
    }

    [Fact]
    public void Should_write_self_intersecting_rings_into_a_shapefile_and_a_geojson_export()
    {
        var redline = Defect("ecological-redline", "self-intersection");
        var park = Defect("industrial-park", "self-intersection");

        Assert.False(Exports.ReadShapefile(run.PathOf(0, redline.Layer)).Single(f => Exports.Id(f, redline.Layer) == redline.FeatureId).Geometry.IsValid);
        Assert.False(Exports.ReadGeoJson(run.PathOf(0, park.Layer)).Single(f => Exports.Id(f, park.Layer) == park.FeatureId).Geometry.IsValid);
        // What the manifest tells adapter authors: the strict Shapefile reader refuses the whole export.
        Assert.Throws<ShapefileException>(() => Exports.ReadShapefile(run.PathOf(0, redline.Layer), GeometryBuilderMode.Strict));
    }

    [Fact]
    public void Should_give_one_redline_a_county_code_that_does_not_exist()
    {
        var defect = Defect("ecological-redline", "unknown-county");
        var counties = Exports.ById(Exports.ReadShapefile(run.PathOf(0, "admin-division")), "admin-division");

        var stray = Exports.ReadShapefile(run.PathOf(0, defect.Layer)).Single(f => Exports.Id(f, defect.Layer) == defect.FeatureId);
        var code = Exports.Text(stray, Exports.Field(defect.Layer, "county"));
        Assert.Matches("^(33|34)[0-9]{4}$", code);
        Assert.DoesNotContain(code!, counties.Keys);
    }

    [Fact]
    public void Should_swap_latitude_and_longitude_of_one_project()
    {
        var defect = Defect("eia-project", "swapped-coordinates");

        var project = Exports.ReadGeoJson(run.PathOf(0, defect.Layer)).Single(f => Exports.Id(f, defect.Layer) == defect.FeatureId);
        Assert.InRange(project.Geometry.Coordinate.X, 27, 35);
        Assert.InRange(project.Geometry.Coordinate.Y, 114, 124);
    }
}
