using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Push.Encoded;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Issue 5: the hub sends its log's encoded units in twins of the contract's requests (encoded_push.proto). These
/// specs hold the twins in step with the contract, and show the node checks the hub's credential on the stream too.
/// </summary>
public sealed class When_the_hub_sends_encoded_units
{
    [Theory]
    [InlineData(typeof(EncodedApplyUnitsRequest), typeof(ApplyUnitsRequest))]
    [InlineData(typeof(EncodedSnapshotChunk), typeof(SnapshotChunk))]
    public void Should_have_the_contracts_fields_with_units_as_bytes(Type twin, Type contract)
    {
        var twinFields = Descriptor(twin).Fields.InFieldNumberOrder();
        var contractFields = Descriptor(contract).Fields.InFieldNumberOrder();

        Assert.Equal(contractFields.Select(f => (f.FieldNumber, f.Name, f.IsRepeated)), twinFields.Select(f => (f.FieldNumber, f.Name, f.IsRepeated)));
        foreach (var (ours, theirs) in twinFields.Zip(contractFields))
        {
            var expected = theirs.FieldType == FieldType.Message && theirs.MessageType == UnitRevision.Descriptor ? FieldType.Bytes : theirs.FieldType;
            Assert.True(expected == ours.FieldType, $"{twin.Name}.{ours.Name} is {ours.FieldType}; the contract's {theirs.FieldType} needs {expected}");
        }
    }

    [Fact]
    public void Should_be_parsed_by_a_node_as_the_contracts_request()
    {
        var unit = new UnitRevision { Revision = 7, Code = "ZH33010610001", County = "330106", Version = 2, GeometryWkb = ByteString.CopyFrom(1, 2, 3) };
        unit.AccessList.Add(new AccessRule { Dimension = "spatial-layout", TextZh = "禁止新建", ForbiddenIndustries = { "2511" } });
        var sent = new EncodedApplyUnitsRequest { HubId = "hub", FromRevision = 6, ToRevision = 9, LogId = "log", Units = { unit.ToByteString() } };

        var received = ApplyUnitsRequest.Parser.ParseFrom(sent.ToByteArray());

        Assert.Equal(new ApplyUnitsRequest { HubId = "hub", FromRevision = 6, ToRevision = 9, LogId = "log", Units = { unit } }, received);
    }

    [Fact]
    public async Task Should_be_refused_on_a_snapshot_stream_without_the_hubs_credential()
    {
        using var data = new TemporaryDirectory("zoninghub-encoded-");
        await using var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "national", ["Node:Scope"] = "national", ["Node:HubCredential"] = "the-hubs", ["Node:DataDirectory"] = data.Path,
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapNode());
        using var channel = GrpcChannel.ForAddress(node.GrpcUrl!);
        using var call = new EncodedUnitPush(channel.CreateCallInvoker())
            .SendSnapshotChunks(new CallOptions(new Metadata { { "authorization", "Bearer someone-elses" } }));

        var refusal = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new EncodedSnapshotChunk { SnapshotId = "s", Units = { ByteString.CopyFromUtf8("x") } });
            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
        Assert.Contains("not the hub's", refusal.Status.Detail, StringComparison.Ordinal);
    }

    static MessageDescriptor Descriptor(Type message) => (MessageDescriptor)message.GetProperty("Descriptor")!.GetValue(null)!;
}
