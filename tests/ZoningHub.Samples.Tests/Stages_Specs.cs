using NetTopologySuite.Features;
using NetTopologySuite.Operation.Overlay;

namespace ZoningHub.Samples.Tests;

[Collection(Samples.Name)]
public sealed class When_later_stages_edit_the_layers(SampleRun run)
{
    SampleEdit Edit(int stage, string kind) => Assert.Single(run.Manifests[stage].Edits, e => e.Kind == kind);

    Dictionary<string, IFeature> Layer(int stage, string layer)
    {
        var path = run.PathOf(stage, layer);
        return Exports.ById(path.EndsWith(".zip", StringComparison.Ordinal) ? Exports.ReadShapefile(path) : Exports.ReadGeoJson(path), layer);
    }

    [Fact]
    public void Should_export_only_the_layers_each_stage_changes()
    {
        Assert.Equal(9, run.Manifests[0].Files.Count);
        Assert.Equal(["ecological-redline"], run.Manifests[1].Files.Select(f => f.Layer));
        Assert.Equal(["ecological-redline", "industrial-park"], run.Manifests[2].Files.Select(f => f.Layer));
        Assert.Equal(["nature-reserve"], run.Manifests[3].Files.Select(f => f.Layer));
        Assert.Equal(["eia-project"], run.Manifests[4].Files.Select(f => f.Layer));
        Assert.All(run.Manifests.Skip(1), m => Assert.All(m.Edits, e => Assert.Contains(m.Files, f => f.Layer == e.Layer)));
    }

    [Fact]
    public void Should_move_one_redline_south_east_and_keep_it_moved_in_later_exports()
    {
        var moved = Edit(1, "moved").FeatureIds[0];
        var before = Layer(0, "ecological-redline")[moved].Geometry;
        var after = Layer(1, "ecological-redline")[moved].Geometry;

        Assert.InRange(after.Centroid.X - before.Centroid.X, 200, 1200);
        Assert.InRange(after.Centroid.Y - before.Centroid.Y, -900, -100);
        Assert.True(Layer(2, "ecological-redline")[moved].Geometry.EqualsExact(after));
    }

    [Fact]
    public void Should_split_one_redline_into_two_parts_that_make_up_the_original()
    {
        var split = Edit(1, "split");
        var original = Layer(0, "ecological-redline")[split.FeatureIds[0]].Geometry;
        var parts = Layer(1, "ecological-redline");

        Assert.DoesNotContain(split.FeatureIds[1], Layer(0, "ecological-redline").Keys);
        var (west, east) = (parts[split.FeatureIds[0]].Geometry, parts[split.FeatureIds[1]].Geometry);
        Assert.Equal(original.Area, west.Area + east.Area, original.Area * 1e-6);
        Assert.True(Exports.Overlay(west, east, SpatialFunction.Intersection).Area < 1);
        Assert.True(west.Centroid.X < east.Centroid.X);
    }

    [Fact]
    public void Should_leave_deleted_features_out_of_the_next_full_exports()
    {
        var redline = Assert.Single(run.Manifests[2].Edits, e => e.Layer == "ecological-redline").FeatureIds[0];
        var park = Assert.Single(run.Manifests[2].Edits, e => e.Layer == "industrial-park").FeatureIds[0];

        Assert.Contains(redline, Layer(1, "ecological-redline").Keys);
        Assert.DoesNotContain(redline, Layer(2, "ecological-redline").Keys);
        Assert.Contains(park, Layer(0, "industrial-park").Keys);
        Assert.DoesNotContain(park, Layer(2, "industrial-park").Keys);
        Assert.Equal(Layer(1, "ecological-redline").Count - 1, Layer(2, "ecological-redline").Count);
    }

    [Fact]
    public void Should_add_a_nature_reserve_that_reaches_outside_the_redline()
    {
        var added = Edit(3, "added").FeatureIds;

        Assert.Equal(2, added.Count);
        Assert.All(added, id => Assert.DoesNotContain(id, Layer(0, "nature-reserve").Keys));
        Assert.All(added, id => Assert.Contains(id, Layer(3, "nature-reserve").Keys));
        Assert.Contains(run.Manifests[3].Conflicts, c => c.Rule == "protected-area-outside-redline" && added.Any(id => c.Feature == $"nature-reserve/{id}"));
        Assert.Equal(Layer(0, "nature-reserve").Count + 2, Layer(3, "nature-reserve").Count);
    }

    [Fact]
    public void Should_approve_a_pending_project_and_a_new_one_on_the_stage_day()
    {
        var approved = Edit(4, "approved").FeatureIds[0];
        var added = Edit(4, "added").FeatureIds[0];
        var (status, day) = (Exports.Field("eia-project", "status"), Exports.Field("eia-project", "approvedOn"));

        var before = Layer(0, "eia-project");
        var after = Layer(4, "eia-project");
        Assert.Equal(("审批中", null), (Exports.Text(before[approved], status), Exports.Text(before[approved], day)));
        Assert.Equal(("已批复", "2024-07-27"), (Exports.Text(after[approved], status), Exports.Text(after[approved], day)));
        Assert.DoesNotContain(added, before.Keys);
        Assert.Equal("2024-07-27", Exports.Text(after[added], day));
    }
}
