using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Contracts.Grpc.Query.V1;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A system that calls a node or the hub learns why it was refused from the rich status (google.rpc.Status in the
/// grpc-status-details-bin trailer), as the grpc-dotnet examples answer validation failures: an ErrorInfo whose reason it
/// can branch on, and for a refused request field a BadRequest naming it. Before, only the sentence said so.
/// </summary>
public sealed class When_a_caller_is_refused_over_gRPC
{
    static DateTime Deadline => DateTime.UtcNow.AddSeconds(10);

    static readonly Metadata Hub = new() { { "authorization", "Bearer hub-secret" } };

    [Theory]
    [InlineData("3", "", "INVALID_AREA", "province")]
    [InlineData("", "33010", "INVALID_AREA", "county")]
    [InlineData("33", "340102", "INVALID_AREA", "county")]
    [InlineData("11", "", "OUTSIDE_NODE_SCOPE", "province")]
    [InlineData("", "340102", "OUTSIDE_NODE_SCOPE", "county")]
    public async Task Should_name_the_refused_filter_of_a_nodes_listing(string province, string county, string reason, string field)
    {
        await using var node = await QueryNode.StartAsync();
        using var call = new NodeQuery.NodeQueryClient(node.Channel).ListUnits(new ListUnitsRequest { Province = province, County = county }, deadline: Deadline);

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        var (info, violation) = Details(refused, StatusCode.InvalidArgument, reason);
        Assert.Equal((field, refused.Status.Detail), (violation!.Field, violation.Description));
        Assert.Equal("zhejiang", info.Metadata["node_id"]);
    }

    [Fact]
    public async Task Should_name_a_unit_type_the_contract_does_not_define_and_a_code_that_is_none()
    {
        await using var node = await QueryNode.StartAsync();
        var client = new NodeQuery.NodeQueryClient(node.Channel);

        using var listing = client.ListUnits(new ListUnitsRequest { Type = (UnitType)9 }, deadline: Deadline);
        var type = await Assert.ThrowsAsync<RpcException>(() => listing.ResponseStream.MoveNext());
        Assert.Equal("type", Details(type, StatusCode.InvalidArgument, "INVALID_UNIT_TYPE").Violation!.Field);

        var code = await Assert.ThrowsAsync<RpcException>(() => client.GetUnitAsync(new GetUnitRequest { Code = "zh33" }, deadline: Deadline).ResponseAsync);
        Assert.Equal("code", Details(code, StatusCode.InvalidArgument, "INVALID_UNIT_CODE").Violation!.Field);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.GetUnitAsync(new GetUnitRequest { Code = "ZH33010600009" }, deadline: Deadline).ResponseAsync);
        var (info, violation) = Details(missing, StatusCode.NotFound, "UNIT_NOT_FOUND");
        Assert.Equal(("ZH33010600009", (BadRequest.Types.FieldViolation?)null), (info.Metadata["code"], violation));
    }

    [Fact]
    public async Task Should_name_the_refused_filter_of_the_hubs_listing()
    {
        await using var system = await PushedSystem.StartAsync();
        using var channel = GrpcChannel.ForAddress(system.Hub.GrpcUrl);
        using var call = new HubQuery.HubQueryClient(channel).ListUnits(new ListUnitsRequest { Province = "33", County = "340102" }, deadline: Deadline);

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal("county", Details(refused, StatusCode.InvalidArgument, "INVALID_AREA").Violation!.Field);
    }

    [Fact]
    public async Task Should_tell_the_hub_which_unit_of_a_push_is_malformed_and_why_others_are_refused()
    {
        await using var node = await QueryNode.StartAsync();
        var push = new UnitPush.UnitPushClient(node.Channel);
        ApplyUnitsRequest Batch(long from, params ByteString[] units) => new() { HubId = "hub", FromRevision = from, ToRevision = from + units.Length, Units = { units } };

        var malformed = await Assert.ThrowsAsync<RpcException>(() =>
            push.ApplyUnitsAsync(Batch(0, Unit("ZH33010600001", "330106"), ByteString.CopyFrom(0x0A, 0x7F)), Hub, Deadline).ResponseAsync);
        var (info, violation) = Details(malformed, StatusCode.InvalidArgument, "MALFORMED_UNIT");
        Assert.Equal(("units[1]", "zhejiang"), (violation!.Field, info.Metadata["node_id"]));

        var foreign = await Assert.ThrowsAsync<RpcException>(() => push.ApplyUnitsAsync(Batch(0, Unit("ZH34010200001", "340102")), Hub, Deadline).ResponseAsync);
        Details(foreign, StatusCode.PermissionDenied, "OUTSIDE_NODE_SCOPE");

        var gap = await Assert.ThrowsAsync<RpcException>(() => push.ApplyUnitsAsync(Batch(5, Unit("ZH33010600001", "330106")), Hub, Deadline).ResponseAsync);
        Details(gap, StatusCode.FailedPrecondition, "REVISION_GAP");

        var notTaking = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var chunks = push.SendSnapshotChunks(Hub, Deadline);
            await chunks.RequestStream.CompleteAsync();
            await chunks;
        });
        Details(notTaking, StatusCode.FailedPrecondition, "SNAPSHOT_OUT_OF_STEP");
    }

    [Fact]
    public async Task Should_give_a_reason_when_refused_before_the_service_reads_the_call()
    {
        await using var node = await QueryNode.StartAsync(("Limits:GeoJson:Concurrent", "1"), ("Limits:GeoJson:Queued", "0"));
        await node.PushAsync(40, radius: 0.004, segments: 500);

        var stranger = await Assert.ThrowsAsync<RpcException>(() =>
            new UnitPush.UnitPushClient(node.Channel).GetNodeStateAsync(new GetNodeStateRequest(), deadline: Deadline).ResponseAsync);
        Assert.Equal("zhejiang", Details(stranger, StatusCode.Unauthenticated, "CREDENTIAL_REFUSED").Info.Metadata["node_id"]);

        using var held = await node.StallAListingAsync();
        using var second = new NodeQuery.NodeQueryClient(node.Channel).ListUnits(new ListUnitsRequest(), deadline: Deadline);
        var busy = await Assert.ThrowsAsync<RpcException>(() => second.ResponseStream.MoveNext());
        Details(busy, StatusCode.ResourceExhausted, "LISTING_LIMIT");
        Assert.Equal(TimeSpan.FromSeconds(10), busy.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
    }

    /// <summary>The refusal's ErrorInfo (first, as AIP-193 asks) and its BadRequest's one field violation, if it has one.</summary>
    static (ErrorInfo Info, BadRequest.Types.FieldViolation? Violation) Details(RpcException refused, StatusCode code, string reason)
    {
        Assert.Equal(code, refused.StatusCode);
        var status = refused.GetRpcStatus() ?? throw new Xunit.Sdk.XunitException($"no rich status in the refusal {refused.StatusCode}: {refused.Status.Detail}");
        Assert.Equal(((int)code, refused.Status.Detail), (status.Code, status.Message));
        var info = status.Details[0].Unpack<ErrorInfo>();
        Assert.Equal(("zoninghub", reason), (info.Domain, info.Reason));
        var violations = status.GetDetail<BadRequest>()?.FieldViolations;
        return (info, violations is null ? null : Assert.Single(violations));
    }

    static ByteString Unit(string code, string county) => new UnitRevision
    {
        Revision = 1, Code = code, County = county, Type = UnitType.GeneralControl, Version = 1, ContentHash = "hash",
    }.ToByteString();
}
