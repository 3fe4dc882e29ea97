using System.Text.Json;
using NetTopologySuite.IO;
using ZoningHub.Contracts;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>Builds change sets for specifications: geometry as WKT, the rest as a valid one-map county.</summary>
static class ChangeSets
{
    public const string Square = "POLYGON ((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1))";

    public static ChangeSetPublished County(params FeatureChange[] features) => new()
    {
        Stream = "natural-resources.one-map",
        Sequence = 1,
        Department = "natural-resources",
        Layer = "admin-division",
        Kind = ChangeSetKinds.Delta,
        Features = features,
    };

    public static FeatureChange Upsert(string id, string wkt, string? county = null) => new()
    {
        Id = id,
        Operation = FeatureOperations.Upsert,
        SourceVersion = "v1",
        Properties = new Dictionary<string, JsonElement> { ["county"] = JsonSerializer.SerializeToElement(county ?? id) },
        Geometry = GeoJson.ToElement(new WKTReader(GeoContext.Services).Read(wkt)),
    };

    public static FeatureChange WithGeometryJson(string id, string geoJson) => new()
    {
        Id = id,
        Operation = FeatureOperations.Upsert,
        Properties = new Dictionary<string, JsonElement> { ["county"] = JsonSerializer.SerializeToElement(id) },
        Geometry = JsonDocument.Parse(geoJson).RootElement.Clone(),
    };
}
