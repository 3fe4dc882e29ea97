using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>Reads and writes the stored source features.</summary>
static class FeatureRows
{
    /// <param name="sequence">The change set it came in, so a later replay of an older one never overwrites it.</param>
    public static void Upsert(SqliteConnection c, SqliteTransaction tx, string stream, long sequence, SourceFeature feature)
    {
        var e = feature.Geometry.EnvelopeInternal;
        c.Execute(tx, """
            INSERT INTO features (layer, id, stream, sequence, source_version, county, properties, geometry, min_x, min_y, max_x, max_y)
            VALUES ($l, $i, $s, $q, $v, $c, $p, $g, $x0, $y0, $x1, $y1)
            ON CONFLICT (layer, id) DO UPDATE SET stream = $s, sequence = $q, source_version = $v, county = $c, properties = $p,
                geometry = $g, min_x = $x0, min_y = $y0, max_x = $x1, max_y = $y1
            """, ("$l", feature.Layer), ("$i", feature.Id), ("$s", stream), ("$q", sequence), ("$v", feature.SourceVersion),
            ("$c", feature.Layer == Layers.AdminDivision ? feature.CountyCode : null),
            ("$p", JsonSerializer.Serialize(feature.Properties)), ("$g", GeoContext.WriteWkb(feature.Geometry)),
            ("$x0", e.MinX), ("$y0", e.MinY), ("$x1", e.MaxX), ("$y1", e.MaxY));
    }

    /// <summary>
    /// Whether a later change set of the same stream than <paramref name="sequence"/> wrote the feature, or deleted it:
    /// a replay of an older change set must bring back neither its old version nor a feature deleted since.
    /// </summary>
    public static bool IsNewerThan(SqliteConnection c, SqliteTransaction tx, string layer, string id, string stream, long sequence) =>
        c.Scalar<long>(tx, """
            SELECT EXISTS (SELECT 1 FROM features WHERE layer = $l AND id = $i AND stream = $s AND sequence > $q)
                OR EXISTS (SELECT 1 FROM deleted_features WHERE layer = $l AND id = $i AND stream = $s AND sequence > $q)
            """, ("$l", layer), ("$i", id), ("$s", stream), ("$q", sequence)) == 1;

    /// <summary>Deletes the feature and remembers which change set deleted it (<see cref="IsNewerThan"/>).</summary>
    public static void Delete(SqliteConnection c, SqliteTransaction tx, string stream, long sequence, string layer, string id)
    {
        c.Execute(tx, "DELETE FROM features WHERE layer = $l AND id = $i", ("$l", layer), ("$i", id));
        c.Execute(tx, """
            INSERT INTO deleted_features (layer, id, stream, sequence) VALUES ($l, $i, $s, $q)
            ON CONFLICT (layer, id) DO UPDATE SET stream = $s, sequence = $q
            """, ("$l", layer), ("$i", id), ("$s", stream), ("$q", sequence));
    }

    /// <summary>Features a snapshot no longer lists: the ones this stream published to the layer before.</summary>
    /// <param name="writtenBefore">For a snapshot replayed from quarantine, its own sequence (a series member's, its series' first): what the stream wrote since stays.</param>
    public static IEnumerable<string> IdsNotIn(SqliteConnection c, SqliteTransaction tx, string layer, string stream, IEnumerable<string> keep,
        long writtenBefore = long.MaxValue)
    {
        var kept = keep.ToHashSet(StringComparer.Ordinal);
        return c.Query(tx, "SELECT id FROM features WHERE layer = $l AND stream = $s AND sequence < $q", r => r.GetString(0),
                ("$l", layer), ("$s", stream), ("$q", writtenBefore))
            .Where(id => !kept.Contains(id))
            .ToList();
    }

    public static SourceFeature? Find(SqliteConnection c, SqliteTransaction? tx, string layer, string id) =>
        c.Query(tx, "SELECT layer, id, source_version, properties, geometry FROM features WHERE layer = $l AND id = $i",
            Read, ("$l", layer), ("$i", id)).FirstOrDefault();

    /// <summary>The county's boundary, of every feature published with its code (<see cref="CountyBoundary"/>).</summary>
    public static SourceFeature? FindCounty(SqliteConnection c, SqliteTransaction? tx, string county) =>
        CountyBoundary.Of(c.Query(tx, "SELECT layer, id, source_version, properties, geometry FROM features WHERE layer = $l AND county = $c",
            Read, ("$l", Layers.AdminDivision), ("$c", county)));

    /// <summary>Every non-county feature whose bounding box meets <paramref name="county"/>'s.</summary>
    public static List<SourceFeature> Overlapping(SqliteConnection c, SqliteTransaction? tx, SourceFeature county)
    {
        var e = county.Geometry.EnvelopeInternal;
        return c.Query(tx, OverlappingSql, Read, ("$x0", e.MinX), ("$x1", e.MaxX), ("$y0", e.MinY), ("$y1", e.MaxY));
    }

    // Every layer intake takes but the counties, named, which the bounds index serves; "layer <> admin-division" it did
    // not: each county's derivation read every feature's row, its geometry's overflow pages included, to reach the
    // bounds stored after it (on the benchmark's national store, its 2,860 counties' features read with the services'
    // SQLite: 2.2 ms a county against 0.44 ms), and a row damaged on disk failed every county's derivation, not only its
    // own county's.
    static readonly string OverlappingSql = $"""
        SELECT layer, id, source_version, properties, geometry FROM features
        WHERE layer IN ({string.Join(", ", LayerCatalog.AllLayers.Where(l => l != Layers.AdminDivision).Select(l => $"'{l}'"))})
            AND max_x >= $x0 AND min_x <= $x1 AND max_y >= $y0 AND min_y <= $y1
        ORDER BY layer, id
        """;

    static SourceFeature Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2),
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.GetString(3)) ?? [],
        GeoContext.ReadWkb((byte[])r[4]));
}
