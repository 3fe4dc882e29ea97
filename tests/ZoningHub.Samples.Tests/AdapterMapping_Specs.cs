using System.Text.Json;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Tests;

/// <summary>
/// Each adapter's native mapping and reprojection on its department's own exports (one-map Shapefiles in Gauss-Krüger
/// zone 40, forestry GeoJSON in CM 120E metres, water and EIA in CGCS2000 degrees): the contract values come out.
/// </summary>
[Collection(Samples.Name)]
public sealed class When_each_adapter_reads_its_departments_native_exports(SampleRun run)
{
    public static TheoryData<string> Layers => new()
    {
        "admin-division", "ecological-redline", "permanent-basic-farmland", "urban-development-boundary",
        "drinking-water-source-zone", "nature-reserve", "natural-park", "eia-project", "industrial-park",
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Should_map_every_feature_onto_the_contract_in_degrees_inside_the_provinces(string layer)
    {
        var file = run.Manifests[0].Files.Single(f => f.Layer == layer);
        var mapping = NativeSchemas.All[file.Department]().Layers[layer];

        var features = ExportReader.Read(file.Path, File.ReadAllBytes(run.PathOf(0, layer)), mapping);

        Assert.Equal(file.Features, features.Count);
        // The planted defects (listed in the manifest) are for the hub to refuse: a swapped latitude and longitude is one.
        var defects = run.Manifests[0].Defects.Select(d => d.FeatureId).ToHashSet(StringComparer.Ordinal);
        Assert.All(features.Where(f => !defects.Contains(f.Id)), f => Assert.All(Coordinates(f.Geometry), c =>
        {
            // Zhejiang and Anhui: about 114.8–123.2°E, 27–34.7°N.
            Assert.InRange(c.Lon, 114.5, 123.5);
            Assert.InRange(c.Lat, 26.8, 35);
        }));
    }

    [Fact]
    public void Should_translate_each_departments_vocabulary()
    {
        Assert.Subset(new HashSet<string> { "1", "2", "quasi" }, Values("drinking-water-source-zone", "grade"));
        Assert.Subset(new HashSet<string> { "national", "provincial", "municipal", "county" }, Values("nature-reserve", "level"));
        Assert.Subset(new HashSet<string> { "core", "general" }, Values("nature-reserve", "zone"));
        Assert.Subset(new HashSet<string> { "national-park", "forest-park", "wetland-park", "geopark" }, Values("natural-park", "kind"));
        Assert.Subset(new HashSet<string> { "approved", "under-review", "refused" }, Values("eia-project", "status"));
        Assert.All(Values("eia-project", "industry"), code => Assert.Matches("^[0-9]{4}$", code));
        Assert.All(Values("eia-project", "approvedOn"), date => Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", date));
        Assert.All(Values("admin-division", "county"), code => Assert.Matches("^3[34][0-9]{4}$", code));
    }

    /// <summary>
    /// What the hub checks at intake (grade, zone, kind, an EIA project's status and industry) comes out of every sample
    /// export as a value it takes: a generator's new native value the adapter does not translate would be refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(Layers))]
    public void Should_map_every_checked_property_to_a_value_the_hub_takes(string layer)
    {
        foreach (var rule in LayerCatalog.CheckedProperties(layer))
        {
            Assert.All(Values(layer, rule.Property), value => Assert.True(rule.Accepts(value), $"{layer} {rule.Property} '{value}': the hub takes {rule.Takes}"));
        }
    }

    HashSet<string> Values(string layer, string property)
    {
        var file = run.Manifests[0].Files.Single(f => f.Layer == layer);
        var features = ExportReader.Read(file.Path, File.ReadAllBytes(run.PathOf(0, layer)), NativeSchemas.All[file.Department]().Layers[layer]);
        var values = features.Where(f => f.Properties.ContainsKey(property)).Select(f => f.Properties[property].GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(values);
        return values;
    }

    static IEnumerable<(double Lon, double Lat)> Coordinates(JsonElement geometry) =>
        geometry.GetProperty("coordinates") is var c && c[0].ValueKind == JsonValueKind.Number
            ? [(c[0].GetDouble(), c[1].GetDouble())]
            : Flatten(c);

    static IEnumerable<(double Lon, double Lat)> Flatten(JsonElement array) =>
        array[0].ValueKind == JsonValueKind.Number ? [(array[0].GetDouble(), array[1].GetDouble())] : array.EnumerateArray().SelectMany(Flatten);
}
