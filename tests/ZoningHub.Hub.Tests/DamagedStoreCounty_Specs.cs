using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A page of the hub's store damaged on disk under one county's sources (SQLite reads it as corrupt) is that county's
/// failure, named as damage with what to do: it failed every derivation pass, so no county was derived at all until
/// the store was mended.
/// </summary>
public sealed class When_the_store_is_damaged_under_one_county
{
    const string Marker = "DAMAGED-PAGE-HERE";

    [Fact]
    public async Task Should_list_that_county_as_failed_and_derive_the_others()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var path = Path.Combine(data.Path, "hub.db");
        // Derivation held back, so that only the features table holds the redline's note, not a unit derived from it.
        await using (var hub = await HubHost.StartAsync(data.Path, ("Hub:DerivationDelay", "00:01:00")))
        {
            await hub.SendAndTakeAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)), County("330107", Box(121, 30, 122, 31))));
            await hub.SendAndTakeAsync(ChangeSet(OneMap, 2, Layers.Redline,
                Upsert("H1", Box(120.1, 30.1, 120.3, 30.3), ("note", LongNote())), Upsert("H2", Box(121.1, 30.1, 121.3, 30.3))));
            Assert.Equal(0, hub.HeadRevision());
        }

        DamageThePageHolding(path, Marker);

        await using (var hub = await HubHost.StartAsync(data.Path))
        {
            await hub.SettledAsync((OneMap, 2));

            Assert.Equal(["330107", "330107"], hub.ActiveUnits().Select(u => u.County));
            var failure = Assert.Single((await hub.GetJsonAsync("/api/status")).GetProperty("derivationFailures").EnumerateArray());
            Assert.Equal("330106", failure.GetProperty("county").GetString());
            var error = failure.GetProperty("error").GetString()!;
            Assert.Contains("store is damaged", error, StringComparison.Ordinal);
            Assert.Contains("malformed", error, StringComparison.Ordinal);
            Assert.Contains("/api/admin/rebuild", error, StringComparison.Ordinal);
        }
    }

    /// <summary>A note whose marker lies on an overflow page with more after it, whatever the store's page size.</summary>
    static string LongNote() => new string('x', 100_000) + Marker + new string('y', 300_000);

    /// <summary>
    /// Points the overflow page holding <paramref name="marker"/> past the file's end, as a damaged disk might: SQLite
    /// then reads the row as corrupt, and every other row as before.
    /// </summary>
    static void DamageThePageHolding(string path, string marker)
    {
        // The write-ahead log into the file, so the page damaged is the one read.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        var bytes = File.ReadAllBytes(path);
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(16)) is var size and not 1 ? size : 65_536;
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker));
        Assert.True(at > 0, "the marker is in the store");
        Assert.Equal(-1, bytes.AsSpan(at + 1).IndexOf(Encoding.ASCII.GetBytes(marker)));
        var page = at / pageSize * pageSize;
        // An overflow page starts with the number of the next one; a b-tree page with its type (2, 5, 10 or 13).
        Assert.Equal(0, bytes[page]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(page), 0x7FFF_FFF0);
        File.WriteAllBytes(path, bytes);
    }
}
