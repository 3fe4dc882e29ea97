using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>Source features from WKT, for derivation and conflict specifications.</summary>
static class Features
{
    /// <summary>A one-degree county: lon 120–121, lat 30–31.</summary>
    public const string CountyWkt = "POLYGON ((120 30, 121 30, 121 31, 120 31, 120 30))";

    public static Geometry Read(string wkt) => new WKTReader(GeoContext.Services).Read(wkt);

    public static SourceFeature County(string wkt = CountyWkt) => Make(Layers.AdminDivision, "330106", wkt, ("county", "330106"));

    public static SourceFeature Make(string layer, string id, string wkt, params (string Name, string Value)[] properties) =>
        new(layer, id, "v1", properties.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.Value)), Read(wkt));

    /// <summary>An axis-aligned box, lon/lat.</summary>
    public static string Box(double west, double south, double east, double north) =>
        FormattableString.Invariant($"POLYGON (({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))");

    public static void AssertSameArea(string expectedWkt, Geometry actual) =>
        Assert.True(Read(expectedWkt).EqualsTopologically(actual), $"expected {expectedWkt}, got {actual.Normalized().AsText()}");
}
