using ZoningHub.Hub.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Review of the pusher's first round since the hub started: it now checks the node's digest at the revision the node
/// acknowledged before resuming the log, and counts that as the round's check. A node that was behind when the hub
/// restarted is brought to the head, and its digest is not checked again until <c>Hub:DigestInterval</c> has passed:
/// the status shows it unverified all that while, where the first round used to end with a check at the head.
/// </summary>
public sealed class When_the_hub_restarts_with_a_node_behind
{
    const string Credential = "first-round-specs-credential";

    [Fact]
    public async Task Should_show_the_node_verified_at_the_head_once_its_first_round_brought_it_there()
    {
        using var data = new TemporaryDirectory("zoninghub-first-round-");
        await using var node = new NodeHost("national", "national", Credential, Path.Combine(data.Path, "nodes"));
        await node.StartAsync();
        (string, string)[] Settings(string digestInterval) =>
        [
            ("Hub:PushCredential", Credential), ("Hub:DigestInterval", digestInterval),
            ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", node.GrpcUrl.ToString()),
        ];
        var hubData = Path.Combine(data.Path, "hub");
        var world = ProvinceWorld.Initial();
        await using (var hub = await HubHost.StartAsync(hubData, Settings("00:00:01")))
        {
            await hub.SendAndTakeAsync(world[0]);
            await hub.SettledAsync((Sources.OneMap, 1));
            await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision() && Verified(hub), "the node is pushed to and verified");

            // While the node is away, the log moves on.
            await node.StopAsync();
            for (var i = 1; i < world.Count; i++)
            {
                await hub.SendAndTakeAsync(world[i]);
            }

            await hub.SettledAsync((Sources.OneMap, world[^1].Sequence));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await node.StartAsync();
        // Restarted with checks ten minutes apart, as a hub with many nodes may be run.
        await using (var hub = await HubHost.StartAsync(hubData, Settings("00:10:00")))
        {
            await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision(), "the restarted hub brings the node to its head");
            await Eventually.HoldsAsync(() => Verified(hub),
                () => $"the node, brought to the head by the first round, shown verified; status: {Status(hub)}", 15);
        }
    }

    static System.Text.Json.JsonElement Status(HubHost hub) => hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes")[0];

    static bool Verified(HubHost hub) => Status(hub).GetProperty("verified").GetBoolean();
}

/// <summary>
/// Review of the pusher's first round since the hub started: the digest check now comes before the log, in the same
/// round. A node whose digest takes longer than the push deadline (a national scope read from a slow disk; the node reads
/// every unit for it) fails that check at every round, and since the failed check leaves the round's first check still to
/// do, the log is never pushed: after a hub restart the node stays where it was. Before, the round pushed the log first.
/// </summary>
public sealed class When_the_hub_restarts_with_a_node_whose_digest_is_slow
{
    const string Credential = "slow-digest-specs-credential";

    [Fact]
    public async Task Should_still_bring_the_node_to_the_head()
    {
        using var data = new TemporaryDirectory("zoninghub-slow-digest-");
        await using var node = new NodeHost("national", "national", Credential, Path.Combine(data.Path, "nodes"));
        await node.StartAsync();
        (string, string)[] settings =
        [
            ("Hub:PushCredential", Credential), ("Hub:DigestInterval", "00:00:01"), ("Hub:PushDeadline", "00:00:02"),
            ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", node.GrpcUrl.ToString()),
        ];
        var hubData = Path.Combine(data.Path, "hub");
        var world = ProvinceWorld.Initial();
        await using (var hub = await HubHost.StartAsync(hubData, settings))
        {
            await hub.SendAndTakeAsync(world[0]);
            await hub.SettledAsync((Sources.OneMap, 1));
            await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision(), "the node is pushed to");

            await node.StopAsync();
            for (var i = 1; i < world.Count; i++)
            {
                await hub.SendAndTakeAsync(world[i]);
            }

            await hub.SettledAsync((Sources.OneMap, world[^1].Sequence));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        node.DigestDelay = TimeSpan.FromSeconds(4);
        await node.StartAsync();
        await using (var hub = await HubHost.StartAsync(hubData, settings))
        {
            await Eventually.HoldsAsync(() => node.Acknowledged() == hub.HeadRevision(),
                () => $"the restarted hub brings the node to its head ({hub.HeadRevision()}); it holds {node.Acknowledged()}, was sent: "
                      + string.Join("; ", node.PushCalls), 30);
        }
    }
}
