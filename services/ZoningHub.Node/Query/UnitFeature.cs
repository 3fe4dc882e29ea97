using System.Text.Json;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;

namespace ZoningHub.Node.Query;

/// <summary>A unit as the node serves it in GeoJSON: the hub's shape (DESIGN §7), written straight to the response.</summary>
static class UnitFeature
{
    public static Action<Utf8JsonWriter, UnitRevision> Writer(double? simplify) =>
        (json, unit) => GeoJsonFeatures.WriteFeature(json, unit.Code, unit,
            (g, u) => GeoJsonFeatures.WriteGeometry(g, u.GeometryWkb.IsEmpty ? null : u.GeometryWkb.ToByteArray(), simplify), Properties);

    static void Properties(Utf8JsonWriter json, UnitRevision unit)
    {
        json.WriteString("code", unit.Code);
        json.WriteString("type", unit.Type.ToString());
        json.WriteNumber("typeDigit", (int)unit.Type);
        json.WriteString("county", unit.County);
        json.WriteNumber("areaSquareMetres", Math.Round(unit.AreaSquareMetres, 2));
        json.WriteNumber("version", unit.Version);
        json.WriteNumber("revision", unit.Revision);
        // Only /api/units/{code} can show a retired unit: its code is never reused, so say so rather than 404.
        json.WriteBoolean("retired", unit.Retired);
        json.WriteString("contentHash", unit.ContentHash);
        json.WriteStartArray("sources");
        foreach (var source in unit.Sources)
        {
            json.WriteStringValue(source);
        }

        json.WriteEndArray();
        json.WriteStartArray("accessList");
        foreach (var rule in unit.AccessList)
        {
            json.WriteStartObject();
            json.WriteString("dimension", rule.Dimension);
            json.WriteString("textZh", rule.TextZh);
            json.WriteString("textEn", rule.TextEn);
            json.WriteStartArray("forbiddenIndustries");
            foreach (var industry in rule.ForbiddenIndustries)
            {
                json.WriteStringValue(industry);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
