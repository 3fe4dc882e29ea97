using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Security review: the hub's queries need no credential, yet took gRPC messages of up to 4 MiB, and a refusal quoted
/// the caller's filter or code whole, in gRPC's status header or the problem document.
/// </summary>
public sealed class When_a_caller_sends_the_hub_an_outsized_query
{
    [Fact]
    public async Task Should_refuse_a_message_of_megabytes_unread_and_quote_no_filter_whole()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using var channel = GrpcChannel.ForAddress(hub.GrpcUrl, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        var client = new HubQuery.HubQueryClient(channel);

        var large = client.ListUnits(new ListUnitsRequest { Province = new string('3', 1024 * 1024) }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => large.ResponseStream.MoveNext())).StatusCode);

        var small = client.ListUnits(new ListUnitsRequest { County = new string('3', 3000) }, deadline: DateTime.UtcNow.AddSeconds(30));
        var refused = await Assert.ThrowsAsync<RpcException>(() => small.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.True(refused.Status.Detail.Length < 200, refused.Status.Detail);
    }

    [Theory]
    [InlineData("/api/units/{0}")]
    [InlineData("/api/units/{0}/history")]
    public async Task Should_refuse_a_code_that_cannot_be_one_without_quoting_it_whole(string path)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var code = "ZH" + new string('9', 3000);

        using var response = await hub.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, code));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
