using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>One-map county change sets for validation specifications, on the shared <see cref="Sources"/> builders.</summary>
static class ChangeSets
{
    public const string Square = "POLYGON ((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1))";

    public static ChangeSetPublished County(params FeatureChange[] features) =>
        Sources.ChangeSet(Sources.OneMap, 1, Layers.AdminDivision, features);

    public static FeatureChange Upsert(string id, string wkt, string? county = null) => Sources.Upsert(id, wkt, ("county", county ?? id));

    public static FeatureChange WithGeometryJson(string id, string geoJson) =>
        Sources.Upsert(id, "POINT (120 30)", ("county", id)) with { Geometry = JsonDocument.Parse(geoJson).RootElement.Clone() };
}
