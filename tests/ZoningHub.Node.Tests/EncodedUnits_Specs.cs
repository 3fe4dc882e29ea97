using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Issue 5: pushes carry units encoded; a node reads the fields it indexes (UnitHeader) and stores the rest as it came.
/// These specs hold the header in step with the contract, refuse what is not a unit, check the hub's credential
/// on the snapshot stream as on every other call, and hold the node's own reader of snapshot chunks (ReceivedChunk,
/// not the generated parser) to the contract over gRPC: a chunk with fields it does not know is taken whole, bytes
/// that are no chunk are refused by name.
/// </summary>
public sealed class When_a_node_takes_encoded_units : IAsyncLifetime, IDisposable
{
    const string Credential = "the-hubs";

    readonly TemporaryDirectory _data = new("zoninghub-encoded-");
    ServiceHost _node = null!;
    GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = _data.Path,
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapNode());
        _channel = GrpcChannel.ForAddress(_node.GrpcUrl!);
    }

    [Fact]
    public void Should_read_its_header_fields_at_the_contracts_numbers_and_types()
    {
        foreach (var field in UnitHeader.Descriptor.Fields.InFieldNumberOrder())
        {
            var contract = UnitRevision.Descriptor.FindFieldByNumber(field.FieldNumber);
            Assert.True(contract?.Name == field.Name, $"UnitHeader.{field.Name} is field {field.FieldNumber}, which the contract calls {contract?.Name}");
            Assert.NotNull(contract);
            var expected = contract.FieldType == FieldType.Enum ? FieldType.Int32 : contract.FieldType;
            Assert.True(expected == field.FieldType, $"UnitHeader.{field.Name} is {field.FieldType}; the contract's is {contract.FieldType}");
        }
    }

    [Fact]
    public async Task Should_give_back_the_whole_unit_though_it_decoded_only_the_header()
    {
        var unit = new UnitRevision
        {
            Revision = 3, Code = "ZH33010610001", County = "330106", Type = UnitType.KeyControl, Version = 2, ContentHash = "abc",
            AreaSquareMetres = 12.5, GeometryWkb = ByteString.CopyFrom(1, 2, 3), Name = "西湖",
            AccessList = { new AccessRule { Dimension = "spatial-layout", TextZh = "禁止新建", ForbiddenIndustries = { "2511" } } },
        };

        await Push.ApplyUnitsAsync(Batch(unit.ToByteString()), Authorized());

        var stored = await new Contracts.Grpc.Node.V1.NodeQuery.NodeQueryClient(_channel)
            .GetUnitAsync(new Contracts.Grpc.Node.V1.GetUnitRequest { Code = unit.Code });
        Assert.Equal(unit, stored);
    }

    [Fact]
    public async Task Should_refuse_a_push_whose_unit_is_not_an_encoded_unit_and_take_none_of_it()
    {
        var good = new UnitRevision { Revision = 1, Code = "ZH33010610001", County = "330106", Version = 1, ContentHash = "a" }.ToByteString();

        var refusal = await Assert.ThrowsAsync<RpcException>(async () =>
            await Push.ApplyUnitsAsync(Batch(good, ByteString.CopyFromUtf8("a GeoJSON feature, perhaps")), Authorized()));

        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Contains("Unit 1 of the push is not an encoded UnitRevision", refusal.Status.Detail, StringComparison.Ordinal);
        var state = await Push.GetNodeStateAsync(new GetNodeStateRequest(), Authorized());
        Assert.Equal((0L, 0L), (state.AcknowledgedRevision, state.UnitCount));
    }

    [Fact]
    public async Task Should_refuse_a_snapshot_stream_without_the_hubs_credential()
    {
        using var call = Push.SendSnapshotChunks(new Metadata { { "authorization", "Bearer someone-elses" } });

        var refusal = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new SnapshotChunk { SnapshotId = "s", Units = { ByteString.CopyFromUtf8("x") } });
            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
        Assert.Contains("not the hub's", refusal.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_push_without_the_credential_before_taking_it_in_and_take_one_as_large_as_its_limit_with_it()
    {
        // 40 MB: more than Kestrel's own limit on a request (30 MB), within the node's message limit (64 MiB).
        var large = new UnitRevision
        {
            Revision = 3, Code = "ZH33010630001", County = "330106", Type = UnitType.GeneralControl, Version = 1, ContentHash = "large",
            GeometryWkb = ByteString.CopyFrom(new byte[40_000_000]),
        };

        var refusal = await Assert.ThrowsAsync<RpcException>(async () => await Push.ApplyUnitsAsync(Batch(large.ToByteString())));
        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
        Assert.Contains("no authorization metadata", refusal.Status.Detail, StringComparison.Ordinal);

        await Push.ApplyUnitsAsync(Batch(large.ToByteString()), Authorized());
        var state = await Push.GetNodeStateAsync(new GetNodeStateRequest(), Authorized());
        Assert.Equal((3L, 1L), (state.AcknowledgedRevision, state.UnitCount));
    }

    [Fact]
    public async Task Should_take_every_unit_of_a_chunk_carrying_fields_it_does_not_know()
    {
        var chunk = SnapshotChunk.Parser.ParseFrom([.. When_a_node_reads_a_snapshot_chunk_from_the_calls_bytes.Chunk(40).ToByteArray(),
            .. When_a_node_reads_a_snapshot_chunk_from_the_calls_bytes.UnknownFields()]);
        await BeginSnapshotAsync();
        using var call = Push.SendSnapshotChunks(Authorized());
        await call.RequestStream.WriteAsync(chunk);
        await call.RequestStream.CompleteAsync();
        var progress = await call;

        var reply = await Push.CompleteSnapshotAsync(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = progress.LastCode }, Authorized());

        Assert.Equal((40, "ZH33010600040"), (reply.Applied, progress.LastCode));
        var query = new Contracts.Grpc.Node.V1.NodeQuery.NodeQueryClient(_channel);
        foreach (var unit in chunk.Units.Select(UnitRevision.Parser.ParseFrom))
        {
            Assert.Equal(unit, await query.GetUnitAsync(new Contracts.Grpc.Node.V1.GetUnitRequest { Code = unit.Code }));
        }
    }

    [Fact]
    public async Task Should_refuse_bytes_that_are_no_chunk_as_an_invalid_argument_and_keep_what_it_took()
    {
        // Sent as they are, past the contract's serializer, as a hub of another build or a damaged proxy might.
        var raw = new Method<byte[], SnapshotProgress>(MethodType.ClientStreaming, UnitPush.Descriptor.FullName, "SendSnapshotChunks",
            Marshallers.Create(b => b, b => b), Marshallers.Create(p => p.ToByteArray(), SnapshotProgress.Parser.ParseFrom));
        await BeginSnapshotAsync();
        using var call = _channel.CreateCallInvoker().AsyncClientStreamingCall(raw, null, new CallOptions(Authorized()));

        var refusal = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync([0x0A, 0x02, 0x73, 0x31, 0x1A, 0x7F, 0x01]);
            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Contains("not an encoded SnapshotChunk: field 3 (wire type 2) cut short", refusal.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("MALFORMED_CHUNK", ZoningHub.ServiceDefaults.GrpcProblems.ReasonOf(refusal));
        var state = await Push.GetNodeStateAsync(new GetNodeStateRequest(), Authorized());
        Assert.Equal(("s1", "", 0L), (state.Snapshot.SnapshotId, state.Snapshot.LastCode, state.Snapshot.UnitsReceived));
    }

    /// <summary>Snapshot s1 begun, for chunks to follow.</summary>
    Task<SnapshotProgress> BeginSnapshotAsync() => Push.BeginSnapshotAsync(
        new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = "s1", AsOfRevision = 40, Scope = "33" }, Authorized()).ResponseAsync;

    UnitPush.UnitPushClient Push => new(_channel);

    static Metadata Authorized() => new() { { "authorization", $"Bearer {Credential}" } };

    // A new node holds no log yet (""), and takes a batch naming none: as NodeQuery_Specs loads its node.
    static ApplyUnitsRequest Batch(params ByteString[] units) =>
        new() { HubId = "hub", LogId = "", FromRevision = 0, ToRevision = 3, Units = { units } };

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    // xunit calls this after DisposeAsync, so the node is stopped before its folder goes.
    public void Dispose() => _data.Dispose();
}
