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
    readonly UnitLogReader _log;

    public When_the_log_holds_units_of_very_different_sizes()
    {
        var database = new HubDatabase(Options.Create(new HubOptions { DataDirectory = _data.Path, PushCredential = "x" }));
        _log = new UnitLogReader(database);
        using var connection = database.Open();
        // 40 small units, then one county-sized general-control unit of 400,000 vertices (some 6.4 MB), then 40 more.
        var revision = 0;
        foreach (var vertices in Enumerable.Repeat(16, 40).Append(400_000).Concat(Enumerable.Repeat(16, 40)))
        {
            revision++;
            var code = $"ZH330106{(vertices > 16 ? 3 : 1)}{revision:D4}";
            connection.Execute(null, """
                INSERT INTO unit_log (revision, code, identity, county, type, version, retired, geometry, area, content_hash, sources, access_list, revised_at)
                VALUES ($r, $c, $c, '330106', 1, 1, 0, $g, 1.0, $h, '[]', '[]', $t);
                INSERT INTO units (code, identity, county, type, version, revision, retired, content_hash) VALUES ($c, $c, '330106', 1, 1, $r, 0, $h);
                UPDATE head SET revision = $r;
                """, ("$r", revision), ("$c", code), ("$g", GeoContext.WriteWkb(Ring(vertices, revision))), ("$h", $"hash{revision}"), ("$t", SqliteExtensions.Now()));
        }
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
        var batches = new PushBatches(_log, Bound);
        var chunks = batches.SnapshotChunks("national", "").Select(chunk => chunk.Units).ToList();
        Assert.All(chunks, chunk => Assert.True(chunk.Count == 1 || chunk.Sum(u => u.Message.Length) <= Bound));
        var codes = chunks.SelectMany(chunk => chunk.Select(u => u.Code)).ToList();
        Assert.Equal(81, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);

        // A resumed snapshot reads on from the last code the node took.
        var resumed = batches.SnapshotChunks("national", chunks[0][^1].Code).SelectMany(chunk => chunk.Units.Select(u => u.Code));
        Assert.Equal(codes.Skip(chunks[0].Count), resumed);
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

    public void Dispose() => _data.Dispose();
}
