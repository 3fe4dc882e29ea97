using System.Text.Json;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Query;

/// <summary>A unit as the node serves it in GeoJSON: the hub's shape (DESIGN §7), written straight to the response.</summary>
static class UnitFeature
{
    public static Action<Utf8JsonWriter, UnitRevision> Writer(double? simplify) =>
        (json, unit) => GeoJsonFeatures.WriteFeature(json, unit.Code, unit, (g, u) => Geometry(g, u, simplify), Properties);

    /// <summary>The exact geometry, or simplified for display as the hub draws it, kept by version (<see cref="DisplayGeometries"/>).</summary>
    static void Geometry(Utf8JsonWriter json, UnitRevision unit, double? simplify)
    {
        var wkb = unit.GeometryWkb.IsEmpty ? null : unit.GeometryWkb;
        if (wkb is not null && simplify is > 0)
        {
            DisplayGeometries.Write(json, unit.ContentHash, simplify.Value, () => GeoJsonFeatures.GeometryJson(wkb.ToByteArray(), simplify));
            return;
        }

        GeoJsonFeatures.WriteGeometry(json, wkb?.ToByteArray(), null);
    }

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
