using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;
using ZoningHub.Hub;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Issue 5: batches are bounded in bytes, and a multipolygon larger than any batch (or gRPC's 4 MB default) still goes through.</summary>
public sealed class When_the_log_holds_units_of_very_different_sizes : IDisposable
{
    const int Bound = 64 * 1024;

    readonly TemporaryDirectory _data = new("zoninghub-batches-");
    readonly HubDatabase _database;
    readonly UnitLogReader _log;

    public When_the_log_holds_units_of_very_different_sizes()
    {
        _database = new HubDatabase(Options.Create(new HubOptions { DataDirectory = _data.Path, PushCredential = "x" }));
        _log = new UnitLogReader(_database);
        // 40 small units, then one county-sized general-control unit of 400,000 vertices (some 6.4 MB), then 40 more.
        var revision = 0;
        foreach (var vertices in Enumerable.Repeat(16, 40).Append(400_000).Concat(Enumerable.Repeat(16, 40)))
        {
            revision++;
            Write(revision, $"ZH330106{(vertices > 16 ? 3 : 1)}{revision:D4}", vertices);
        }
    }

    /// <summary>A unit's version at <paramref name="revision"/>, the head; as the log's first entries were written, without their encoding.</summary>
    void Write(int revision, string code, int vertices, int version = 1)
    {
        using var connection = _database.Open();
        connection.Execute(null, """
            INSERT INTO unit_log (revision, code, identity, county, type, version, retired, geometry, area, content_hash, sources, access_list, revised_at)
            VALUES ($r, $c, $c, '330106', 1, $v, 0, $g, 1.0, $h, '[]', '[]', $t);
            INSERT INTO units (code, identity, county, type, version, revision, retired, content_hash) VALUES ($c, $c, '330106', 1, $v, $r, 0, $h)
            ON CONFLICT (code) DO UPDATE SET version = excluded.version, revision = excluded.revision, content_hash = excluded.content_hash;
            UPDATE head SET revision = $r;
            """, ("$r", revision), ("$c", code), ("$v", version), ("$g", GeoContext.WriteWkb(Ring(vertices, revision))), ("$h", $"hash{revision}"), ("$t", SqliteExtensions.Now()));
    }

    [Fact]
    public void Should_cut_the_log_into_batches_under_the_bound_with_the_big_unit_alone()
    {
        var batches = new PushBatches(_log, Bound);
        var (head, after, seen) = (_log.HeadRevision(), 0L, new List<long>());
        while (after < head)
        {
            var (units, through) = batches.NextLogBatch(after, head, "33");
            var bytes = units.Sum(u => u.Message.Length);
            Assert.True(units.Count == 1 || bytes <= Bound, $"a batch of {units.Count} units is {bytes} bytes");
            seen.AddRange(units.Select(u => u.Revision));
            Assert.Equal(units[^1].Revision, through);
            after = through;
        }

        Assert.Equal(Enumerable.Range(1, 81).Select(r => (long)r), seen);
        var big = new PushBatches(_log, Bound).NextLogBatch(40, head, "33").Units;
        Assert.Equal(41, Assert.Single(big).Revision);
        Assert.Empty(batches.NextLogBatch(0, head, "34").Units);
    }

    [Fact]
    public void Should_cut_the_current_units_into_snapshot_chunks_in_code_order_likewise()
    {
        var (batches, current) = (new PushBatches(_log, Bound), new SnapshotSource(_log).AtLeast(_log.HeadRevision()));
        var chunks = batches.SnapshotChunks(current.InScope("national", "")).ToList();
        Assert.All(chunks, chunk => Assert.True(chunk.Count == 1 || chunk.Sum(u => u.Message.Length) <= Bound));
        var codes = chunks.SelectMany(chunk => chunk.Select(u => u.Code)).ToList();
        Assert.Equal(81, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);

        // A resumed snapshot reads on from the last code the node took.
        var resumed = batches.SnapshotChunks(current.InScope("national", chunks[0][^1].Code)).SelectMany(chunk => chunk.Select(u => u.Code));
        Assert.Equal(codes.Skip(chunks[0].Count), resumed);
    }

    [Fact]
    public void Should_send_snapshots_the_units_as_of_the_head_when_each_begins()
    {
        var source = new SnapshotSource(_log);
        var first = source.AtLeast(_log.HeadRevision());
        Write(82, "ZH33010610001", 16, version: 2);
        Write(83, "ZH33010610000", 16);

        // A snapshot that begins at a revision the units already hold sends them as they are; one at the new head, the new versions.
        Assert.Same(first, source.AtLeast(81));
        var current = source.AtLeast(83);
        Assert.Equal((81L, 81, 83L, 82), (first.Revision, first.Count, current.Revision, current.Count));
        var units = current.InScope("33", "").Take(3).Select(u => (u.Code, u.Revision, UnitRevision.Parser.ParseFrom(u.Message).Version)).ToList();
        Assert.Equal([("ZH33010610000", 83L, 1), ("ZH33010610001", 82L, 2), ("ZH33010610002", 2L, 1)], units);
    }

    /// <summary>
    /// A snapshot's units come from memory (SnapshotSource). Read from the store in one query instead, they held its read
    /// transaction for as long as the node took them, over a slow link minutes in which no checkpoint could empty the
    /// write-ahead log of what was written meanwhile.
    /// </summary>
    [Fact]
    public void Should_not_hold_the_store_while_a_snapshot_is_sent()
    {
        var current = new SnapshotSource(_log).AtLeast(_log.HeadRevision());
        using var chunks = new PushBatches(_log, Bound).SnapshotChunks(current.InScope("national", "")).GetEnumerator();
        Assert.True(chunks.MoveNext());

        Write(82, "ZH33010610001", 16, version: 2);

        using var connection = _database.Open();
        connection.Execute(null, "PRAGMA busy_timeout = 100");
        var (busy, frames, checkpointed) = connection.Query(null, "PRAGMA wal_checkpoint(TRUNCATE)", r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
        Assert.Equal((0L, 0L, 0L), (busy, frames, checkpointed));
    }

    [Fact]
    public async Task Should_let_a_node_take_a_unit_larger_than_grpcs_default_message_limit()
    {
        var huge = new PushBatches(_log, Bound).NextLogBatch(40, 41, "national").Units.Single().Message;
        Assert.True(huge.Length > 4 * 1024 * 1024, $"the unit is {huge.Length} bytes");
        await using var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "national", ["Node:Scope"] = "national", ["Node:HubCredential"] = "c", ["Node:DataDirectory"] = Path.Combine(_data.Path, "node"),
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapNode());
        using var channel = GrpcChannel.ForAddress(node.GrpcUrl!);
        var request = new ApplyUnitsRequest { HubId = "hub", FromRevision = 0, ToRevision = 41, Units = { huge } };

        var reply = await new UnitPush.UnitPushClient(channel).ApplyUnitsAsync(request, new Metadata { { "authorization", "Bearer c" } });

        Assert.Equal((41L, 1), (reply.AcknowledgedRevision, reply.Applied));
    }

    static Polygon Ring(int vertices, int seed)
    {
        var coordinates = Enumerable.Range(0, vertices)
            .Select(i => new Coordinate(120 + seed * 0.01 + 0.005 * Math.Cos(2 * Math.PI * i / vertices), 30 + 0.005 * Math.Sin(2 * Math.PI * i / vertices)))
            .Append(new Coordinate(120 + seed * 0.01 + 0.005, 30)).ToArray();
        return GeoContext.Factory.CreatePolygon(coordinates);
    }

    public void Dispose()
    {
        _database.Dispose();
        _data.Dispose();
    }
}
