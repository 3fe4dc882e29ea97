using System.Text.Json;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Api;

/// <summary>Units as GeoJSON features (EPSG:4490 longitude/latitude), written straight to the response.</summary>
public static class UnitGeoJson
{
    /// <summary>Writes a unit as a feature, its geometry simplified by <paramref name="simplify"/> degrees if given.</summary>
    public static Action<Utf8JsonWriter, LoggedUnit> Writer(double? simplify) =>
        (json, unit) => GeoJsonFeatures.WriteFeature(json, unit.Code, unit, (g, u) => Geometry(g, u, simplify), Properties);

    static void Properties(Utf8JsonWriter json, LoggedUnit unit)
    {
        json.WriteString("code", unit.Code);
        json.WriteString("identity", unit.Identity);
        json.WriteString("type", unit.Type.ToString());
        json.WriteNumber("typeDigit", (int)unit.Type);
        json.WriteString("county", unit.County);
        json.WriteNumber("areaSquareMetres", Math.Round(unit.AreaSquareMetres, 2));
        json.WriteNumber("version", unit.Version);
        json.WriteNumber("revision", unit.Revision);
        json.WriteBoolean("retired", unit.Retired);
        json.WriteString("contentHash", unit.ContentHash);
        json.WriteStartArray("sources");
        foreach (var source in unit.Sources)
        {
            json.WriteStringValue(source);
        }

        json.WriteEndArray();
        json.WritePropertyName("accessList");
        JsonSerializer.Serialize(json, unit.AccessList, JsonSerializerOptions.Web);
    }

    static void Geometry(Utf8JsonWriter json, LoggedUnit unit, double? simplify)
    {
        if (unit.GeometryWkb is { } wkb && simplify is > 0)
        {
            DisplayGeometries.Write(json, unit.ContentHash, simplify.Value, () => GeoJsonFeatures.GeometryJson(wkb, simplify));
            return;
        }

        GeoJsonFeatures.WriteGeometry(json, unit.GeometryWkb, null);
    }
}
