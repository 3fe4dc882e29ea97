using ZoningHub.Hub.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A connection to a node that goes silent without a word (a NAT or firewall forgot it) is found out by HTTP/2 pings
/// and replaced; the deadline alone ends each call but leaves the connection, and every next call, to the silence.
/// </summary>
public sealed class When_the_connection_to_a_node_goes_silent
{
    const string Credential = "keep-alive-specs-credential";

    [Fact]
    public async Task Should_push_again_over_a_new_connection()
    {
        using var data = new TemporaryDirectory("zoninghub-silent-");
        await using var node = new NodeHost("national", "national", Credential, Path.Combine(data.Path, "nodes"));
        await node.StartAsync();
        await using var link = new NodeLink(node.GrpcUrl);
        await using var hub = await HubHost.StartAsync(Path.Combine(data.Path, "hub"),
            ("Hub:PushCredential", Credential), ("Hub:PushDeadline", "00:00:02"),
            ("Hub:PushKeepAlivePingDelay", "00:00:01"), ("Hub:PushKeepAlivePingTimeout", "00:00:01"),
            ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", link.Url.ToString()));
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await hub.SendAndTakeAsync(changeSet);
        }

        await hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence));
        await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision(), "the node takes the first units");
        Assert.Equal(1, link.Connections);

        link.Silence();
        await hub.SendAndTakeAsync(ProvinceWorld.Edit(1));
        await hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 1));

        await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision(),
            () => $"the node takes revision {hub.HeadRevision()} over a new connection (it holds {node.Acknowledged()}; the hub made {link.Connections} connection(s)); "
                + $"status {hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes")}");
        Assert.True(link.Connections > 1, "the silent connection carried nothing more");
    }
}
