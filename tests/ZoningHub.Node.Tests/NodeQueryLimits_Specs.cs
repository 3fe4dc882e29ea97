using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Security review: queries need no credential, yet every gRPC service of the node took messages of up to 64 MiB
/// (the push's limit), and a lookup quoted the code it was given, whole, in its status.
/// </summary>
public sealed class When_a_caller_without_the_credential_sends_an_outsized_query : IAsyncLifetime, IDisposable
{
    readonly TemporaryDirectory _data = new("zoninghub-node-");
    ServiceHost _node = null!;
    GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = "hub-secret", ["Node:DataDirectory"] = _data.Path,
        }, withGrpc: true, b => { b.AddServiceDefaults(); b.AddNode(); }, app => app.MapNode().MapDefaultEndpoints());
        _channel = GrpcChannel.ForAddress(_node.GrpcUrl!, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
    }

    NodeQuery.NodeQueryClient Client => new(_channel);

    static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task Should_refuse_a_message_of_megabytes_unread()
    {
        var code = new string('A', 16 * 1024 * 1024);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.GetUnitAsync(new GetUnitRequest { Code = code }, deadline: Deadline).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_code_that_cannot_be_one_without_quoting_it_whole()
    {
        var code = "ZH" + new string('9', 3000);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.GetUnitAsync(new GetUnitRequest { Code = code }, deadline: Deadline).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.True(refused.Status.Detail.Length < 200, refused.Status.Detail);
        Assert.Contains("3,002 characters", refused.Status.Detail, StringComparison.Ordinal);

        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(_node.HttpUrl, "/api/units/" + code));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_not_quote_a_long_filter_whole_in_a_listings_refusal()
    {
        var call = Client.ListUnits(new ListUnitsRequest { Province = new string('3', 3000) }, deadline: Deadline);
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.True(refused.Status.Detail.Length < 200, refused.Status.Detail);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();
}
