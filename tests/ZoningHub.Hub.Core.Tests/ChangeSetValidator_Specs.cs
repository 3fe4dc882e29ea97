using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

public class ChangeSetValidator_Specs
{
    [Fact]
    public void Should_accept_a_valid_county_upsert()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Square)));

        Assert.False(result.IsRefused);
        Assert.Empty(result.FeatureRejections);
        var feature = Assert.Single(result.Upserts);
        Assert.Equal("330106", feature.CountyCode);
        Assert.Equal("POLYGON ((120.1 30.1, 120.1 30.2, 120.2 30.2, 120.2 30.1, 120.1 30.1))", feature.Geometry.Normalized().AsText());
    }

    [Theory]
    [InlineData(0L, "", RejectionRules.StreamMissing)]
    [InlineData(0L, "natural-resources.one-map", RejectionRules.SequenceMissing)]
    public void Should_refuse_a_change_set_without_stream_or_sequence(long sequence, string stream, string rule)
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Square)) with { Sequence = sequence, Stream = stream });

        Assert.True(result.IsRefused);
        Assert.Contains(result.ChangeSetRejections, r => r.Rule == rule && r.FeatureId is null);
        Assert.Empty(result.Upserts);
    }

    // Published as plain JSON, a change set can carry nulls where the record has none.
    [Theory]
    [InlineData("layer", RejectionRules.LayerUnknown, "layer is missing")]
    [InlineData("department", RejectionRules.DepartmentUnknown, "department is missing")]
    [InlineData("features", RejectionRules.FeaturesMissing, "features is missing")]
    public void Should_refuse_a_change_set_with_a_null_header_field_saying_which(string field, string rule, string says)
    {
        var good = County(Upsert("330106", Square));
        var bad = field switch
        {
            "layer" => good with { Layer = null! },
            "department" => good with { Department = null!, Stream = "natural-resources.one-map" },
            _ => good with { Features = null! },
        };

        var result = ChangeSetValidator.Validate(bad);

        Assert.True(result.IsRefused);
        var rejection = Assert.Single(result.ChangeSetRejections, r => r.Rule == rule);
        Assert.StartsWith(says, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_only_a_null_feature_or_one_with_null_properties()
    {
        var result = ChangeSetValidator.Validate(County(null!, Upsert("330106", Square), Upsert("330107", Square) with { Properties = null! }));

        Assert.False(result.IsRefused);
        Assert.Equal("330106", Assert.Single(result.Upserts).Id);
        Assert.Collection(result.FeatureRejections,
            r => Assert.Equal((RejectionRules.FeatureMissing, "features[0] is null; each feature is an object with an id."), (r.Rule, r.Message)),
            r => Assert.Equal((RejectionRules.PropertyInvalid, "330107"), (r.Rule, r.FeatureId)));
    }

    [Fact]
    public void Should_refuse_a_change_set_naming_another_department_than_the_exchange_it_came_through()
    {
        var changeSet = County(Upsert("330106", Square));

        var forged = ChangeSetValidator.Validate(changeSet, ValidationPolicy.Default, deliveredBy: "water-resources");

        var rejection = Assert.Single(forged.ChangeSetRejections);
        Assert.Equal(RejectionRules.ExchangeNotDepartment, rejection.Rule);
        Assert.Contains("zoninghub.changes.water-resources", rejection.Message, StringComparison.Ordinal);
        Assert.False(ChangeSetValidator.Validate(changeSet, ValidationPolicy.Default, deliveredBy: "natural-resources").IsRefused);
    }

    [Fact]
    public void Should_refuse_a_layer_the_department_does_not_own()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Square)) with { Department = "water-resources", Stream = "water-resources.sy" });

        var rejection = Assert.Single(result.ChangeSetRejections);
        Assert.Equal(RejectionRules.LayerNotOwned, rejection.Rule);
        Assert.Contains("natural-resources", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("layer", RejectionRules.LayerUnknown)]
    [InlineData("kind", RejectionRules.KindUnknown)]
    [InlineData("schema", RejectionRules.SchemaVersion)]
    [InlineData("stream", RejectionRules.StreamNotOwned)]
    public void Should_name_the_header_rule_broken(string broken, string rule)
    {
        var good = County(Upsert("330106", Square));
        var bad = broken switch
        {
            "layer" => good with { Layer = "roads" },
            "kind" => good with { Kind = "full" },
            "schema" => good with { SchemaVersion = 2 },
            _ => good with { Stream = "forestry-grassland.lc" },
        };

        Assert.Equal(rule, Assert.Single(ChangeSetValidator.Validate(bad).ChangeSetRejections).Rule);
    }

    [Fact]
    public void Should_reject_only_the_bad_feature_and_keep_the_good_ones()
    {
        var result = ChangeSetValidator.Validate(County(
            Upsert("330106", Square),
            Upsert("330105", "POLYGON ((120 30, 120.1 30.1, 120.1 30, 120 30.1, 120 30))"),
            Upsert("330106", Square)));

        Assert.False(result.IsRefused);
        Assert.Equal("330106", Assert.Single(result.Upserts).Id);
        Assert.Collection(result.FeatureRejections,
            r => Assert.Equal((RejectionRules.GeometryInvalid, "330105"), (r.Rule, r.FeatureId)),
            r => Assert.Equal((RejectionRules.FeatureIdDuplicate, "330106"), (r.Rule, r.FeatureId)));
    }

    // Which copy stands must not hang on the hub's limits: a replay after the fix applies the first copy (DESIGN §5).
    [Fact]
    public void Should_apply_no_later_copy_of_an_id_whose_first_copy_is_refused_and_say_so()
    {
        var result = ChangeSetValidator.Validate(County(
            Upsert("330106", "POLYGON ((120 30, 120.1 30.1, 120.1 30, 120 30.1, 120 30))"),
            Upsert("330106", Square)));

        Assert.Empty(result.Upserts);
        Assert.Collection(result.FeatureRejections,
            r => Assert.Equal(RejectionRules.GeometryInvalid, r.Rule),
            r => Assert.Equal((RejectionRules.FeatureIdDuplicate,
                    "Feature id '330106' appears more than once in this change set; only the first copy counts, and it is refused (geometry.invalid), so none is applied."),
                (r.Rule, r.Message)));
    }

    [Fact]
    public void Should_refuse_the_whole_change_set_when_it_asks_for_all_or_nothing()
    {
        var result = ChangeSetValidator.Validate(County(
            Upsert("330106", Square),
            Upsert("330105", "POLYGON ((120 30, 120.1 30.1, 120.1 30, 120 30.1, 120 30))")) with { AllOrNothing = true });

        Assert.True(result.IsRefused);
        Assert.Empty(result.Upserts);
        Assert.Equal([RejectionRules.AllOrNothing, RejectionRules.GeometryInvalid], result.ChangeSetRejections.Select(r => r.Rule));
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[500000,3300000],[510000,3300000],[510000,3310000],[500000,3300000]]]}""", RejectionRules.GeometryOutOfBounds)]
    [InlineData("""{"type":"LineString","coordinates":[[120.1,30.1],[120.2,30.2]]}""", RejectionRules.GeometryType)]
    [InlineData("""{"type":"Polygon","coordinates":"nope"}""", RejectionRules.GeometryUnreadable)]
    public void Should_name_the_geometry_rule_broken(string geometry, string rule)
    {
        var result = ChangeSetValidator.Validate(County(WithGeometryJson("330106", geometry)));

        var rejection = Assert.Single(result.FeatureRejections);
        Assert.Equal((rule, "330106"), (rejection.Rule, rejection.FeatureId));
    }

    [Fact]
    public void Should_require_geometry_on_upsert_but_not_on_delete()
    {
        var result = ChangeSetValidator.Validate(County(
            new FeatureChange { Id = "330106", Operation = FeatureOperations.Upsert },
            new FeatureChange { Id = "330105", Operation = FeatureOperations.Delete },
            new FeatureChange { Id = "330104", Operation = "replace" }));

        Assert.Equal(["330105"], result.Deletes);
        Assert.Equal([RejectionRules.GeometryMissing, RejectionRules.OperationUnknown], result.FeatureRejections.Select(r => r.Rule));
    }

    [Fact]
    public void Should_snap_coordinates_to_the_precision_grid()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106",
            "POLYGON ((120.100000004 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.100000004 30.1))")));

        Assert.Equal("POLYGON ((120.1 30.1, 120.1 30.2, 120.2 30.2, 120.2 30.1, 120.1 30.1))", Assert.Single(result.Upserts).Geometry.Normalized().AsText());
    }

    [Fact]
    public void Should_repair_a_small_self_intersection_and_record_the_repair()
    {
        const string twisted = "POLYGON ((120 30, 121 30, 121 31, 120 31, 120 30.5001, 120.0001 30.4999, 120.0001 30.5001, 120 30.4999, 120 30))";

        var result = ChangeSetValidator.Validate(County(Upsert("330106", twisted)));

        var feature = Assert.Single(result.Upserts);
        Assert.True(feature.Geometry.IsValid);
        var repair = Assert.Single(result.Repairs);
        Assert.Equal("330106", repair.FeatureId);
        Assert.Contains("Self-intersection", repair.Problem, StringComparison.Ordinal);
        Assert.InRange(repair.AreaChangeFraction, 0, 1e-6);
    }

    [Fact]
    public void Should_refuse_a_repair_that_would_change_the_area_beyond_the_tolerance()
    {
        const string unequalBowTie = "POLYGON ((120 30, 121 31, 121 30, 120 30.8, 120 30))";

        var result = ChangeSetValidator.Validate(County(Upsert("330106", unequalBowTie)), ValidationPolicy.Default with { RepairAreaTolerance = 0.01 });

        var rejection = Assert.Single(result.FeatureRejections);
        Assert.Equal(RejectionRules.GeometryInvalid, rejection.Rule);
        Assert.Contains("more than the", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_hold_features_and_change_sets_to_their_size_limits()
    {
        var policy = ValidationPolicy.Default with { MaxVerticesPerFeature = 4, MaxFeaturesPerChangeSet = 1 };

        Assert.Equal(RejectionRules.GeometryTooLarge, Assert.Single(ChangeSetValidator.Validate(County(Upsert("330106", Square)), policy).FeatureRejections).Rule);
        Assert.Equal(RejectionRules.TooManyFeatures,
            Assert.Single(ChangeSetValidator.Validate(County(Upsert("330106", Square), Upsert("330105", Square)), policy).ChangeSetRejections).Rule);
    }

    [Theory]
    [InlineData(Layers.DrinkingWater, "grade", "一级保护区", "property 'grade' is '一级保护区'; layer 'drinking-water-source-zone' takes \"1\", \"2\", \"quasi\".")]
    [InlineData(Layers.DrinkingWater, "grade", "1 ", "property 'grade' is '1 '")]
    [InlineData(Layers.NatureReserve, "zone", "核心区", "property 'zone' is '核心区'; layer 'nature-reserve' takes \"core\", \"general\".")]
    [InlineData(Layers.NaturalPark, "kind", "park", "property 'kind' is 'park'; layer 'natural-park' takes \"national-park\"")]
    public void Should_refuse_a_value_the_core_acts_on_that_is_not_one_it_knows(string layer, string property, string value, string says)
    {
        var (accepted, rejection, _) = FeatureValidator.Validate(layer, ZoningHub.Testing.Sources.Upsert("Z1", Square, (property, value)), ValidationPolicy.Default);

        Assert.Null(accepted);
        Assert.Equal((RejectionRules.PropertyInvalid, "Z1"), (rejection!.Rule, rejection.FeatureId));
        Assert.Contains(says, rejection.Message, StringComparison.Ordinal);
        var listed = layer == Layers.DrinkingWater ? "quasi" : layer == Layers.NatureReserve ? "general" : "geopark";
        Assert.NotNull(FeatureValidator.Validate(layer, ZoningHub.Testing.Sources.Upsert("Z2", Square, (property, listed)), ValidationPolicy.Default).Accepted);
    }

    [Fact]
    public void Should_require_a_six_digit_county_code_on_admin_divisions()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("hz-1", Square, county: "33")));

        Assert.Equal(RejectionRules.PropertyInvalid, Assert.Single(result.FeatureRejections).Rule);
    }
}
