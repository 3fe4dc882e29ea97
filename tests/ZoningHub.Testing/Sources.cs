using System.Text.Json;
using NetTopologySuite.IO;
using ZoningHub.Contracts;
using ZoningHub.Geo;

namespace ZoningHub.Testing;

/// <summary>Change sets for hub specifications, geometry as WKT.</summary>
public static class Sources
{
    public const string OneMap = "natural-resources.one-map";
    public const string Forestry = "forestry-grassland.lcgl";

    public static string Box(double west, double south, double east, double north) =>
        FormattableString.Invariant($"POLYGON (({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))");

    public static ChangeSetPublished ChangeSet(string stream, long sequence, string layer, params FeatureChange[] features) => new()
    {
        Stream = stream,
        Sequence = sequence,
        Department = Topology.DepartmentOfStream(stream),
        Layer = layer,
        Kind = ChangeSetKinds.Delta,
        Features = features,
    };

    public static FeatureChange Upsert(string id, string wkt, params (string Name, string Value)[] properties) => new()
    {
        Id = id,
        Operation = FeatureOperations.Upsert,
        SourceVersion = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(wkt)))[..8],
        Properties = properties.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.Value)),
        Geometry = GeoJson.ToElement(new WKTReader(GeoContext.Services).Read(wkt)),
    };

    public static FeatureChange Delete(string id) => new() { Id = id, Operation = FeatureOperations.Delete };

    public static FeatureChange County(string code, string wkt) => Upsert(code, wkt, ("county", code));
}
