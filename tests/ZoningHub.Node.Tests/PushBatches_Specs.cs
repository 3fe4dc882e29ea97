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
    public async Task Should_cut_the_current_units_into_snapshot_chunks_in_code_order_likewise()
    {
        var (batches, source) = (new PushBatches(_log, Bound), new SnapshotSource(_log));
        var chunks = await batches.SnapshotChunksAsync(source.UnitsAsync(81, SnapshotRange.Of("national", ""), default)).ToListAsync();
        Assert.All(chunks, chunk => Assert.True(chunk.Count == 1 || chunk.Sum(u => u.Message.Length) <= Bound));
        var codes = chunks.SelectMany(chunk => chunk.Select(u => u.Code)).ToList();
        Assert.Equal(81, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);

        // A resumed snapshot reads on from the last code the node took, now from memory.
        var resumed = await source.UnitsAsync(81, SnapshotRange.Of("national", chunks[0][^1].Code), default).Select(u => u.Code).ToListAsync();
        Assert.Equal(codes.Skip(chunks[0].Count), resumed);
    }

    [Fact]
    public async Task Should_send_the_first_snapshots_after_a_start_their_units_as_they_are_read()
    {
        var source = new SnapshotSource(_log);

        // The first begins the read and takes its range as it goes; the second, asked for meanwhile, has them from memory.
        var (province, national) = (source.UnitsAsync(81, SnapshotRange.Of("33", "ZH33010610040"), default), source.UnitsAsync(81, SnapshotRange.Of("national", ""), default));

        var read = await Task.WhenAll(province.Select(u => u.Code).ToListAsync().AsTask(), national.Select(u => u.Code).ToListAsync().AsTask());
        var all = source.AtLeast(81).InScope(SnapshotRange.Of("national", "")).Select(u => u.Code).ToList();
        Assert.Equal(81, all.Count);
        Assert.Equal(all.Where(code => string.CompareOrdinal(code, "ZH33010610040") > 0), read[0]);
        Assert.Equal(all, read[1]);
        Assert.Empty(await new SnapshotSource(_log).UnitsAsync(81, SnapshotRange.Of("32", ""), default).ToListAsync());
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
        var units = current.InScope(SnapshotRange.Of("33", "")).Take(3).Select(u => (u.Code, u.Revision, UnitRevision.Parser.ParseFrom(u.Message).Version)).ToList();
        Assert.Equal([("ZH33010610000", 83L, 1), ("ZH33010610001", 82L, 2), ("ZH33010610002", 2L, 1)], units);
    }

    /// <summary>
    /// A snapshot's units come from memory (SnapshotSource), the first after a start's as they are read into it. Read
    /// from the store in one query instead, they held its read transaction for as long as the node took them, over a
    /// slow link minutes in which no checkpoint could empty the write-ahead log of what was written meanwhile.
    /// </summary>
    [Fact]
    public async Task Should_not_hold_the_store_while_a_snapshot_is_sent()
    {
        var units = new SnapshotSource(_log).UnitsAsync(81, SnapshotRange.Of("national", ""), default);
        await using var chunks = new PushBatches(_log, Bound).SnapshotChunksAsync(units).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());

        Write(82, "ZH33010610001", 16, version: 2);

        using var connection = _database.Open();
        connection.Execute(null, "PRAGMA busy_timeout = 100");
        await Eventually.HoldsAsync(() => connection.Query(null, "PRAGMA wal_checkpoint(TRUNCATE)", r => r.GetInt64(0)).Single() == 0,
            "a checkpoint empties the write-ahead log while the snapshot is part way", seconds: 5);
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
