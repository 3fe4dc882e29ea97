using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Geometries simplified for display (a map), kept for the hub's and the nodes' read endpoints alike. Simplifying
/// the units for the dashboard's map was most of a map request (0.5 s of 0.7 s for two provinces), while a unit
/// version's geometry never changes: what is drawn is kept by content hash (which covers the geometry) and tolerance,
/// so a redraw simplifies only the versions written since. Bounded in characters of GeoJSON; one process (the
/// embedded hub and its nodes) keeps one set, the same drawing for the same version wherever it is read.
/// </summary>
public static class DisplayGeometries
{
    static readonly MemoryCache Kept = new(new MemoryCacheOptions { SizeLimit = 32 * 1024 * 1024 });

    /// <summary>
    /// Writes a unit version's geometry simplified by <paramref name="tolerance"/>: as kept, or as
    /// <paramref name="simplified"/> makes it (GeoJSON text, null for no geometry), then kept.
    /// </summary>
    public static void Write(Utf8JsonWriter json, string contentHash, double tolerance, Func<string?> simplified)
    {
        // Without a hash nothing tells one version's geometry from another's: drawn afresh.
        var geometry = contentHash.Length == 0 ? simplified() : Kept.GetOrCreate((contentHash, tolerance), entry =>
        {
            var made = simplified();
            entry.Size = Math.Max(made?.Length ?? 0, 1);
            return made;
        });
        if (geometry is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteRawValue(geometry, skipInputValidation: true);
    }
}
