using Microsoft.Extensions.Options;
using ZoningHub.Hub;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;
using ZoningHub.Hub.Tests;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node on a link slower than the hub allows for answers every poll, but each push to it outlasts its deadline. It is
/// reachable: the status says it is retrying, and why, however often it fails, where it once said offline after five.
/// </summary>
public sealed class When_a_node_answers_but_its_link_is_too_slow_for_its_pushes
{
    const string Credential = "slow-link-credential";

    [Fact]
    public async Task Should_show_it_retrying_with_the_reason_not_offline()
    {
        using var data = new TemporaryDirectory("zoninghub-slow-");
        var hubData = Path.Combine(data.Path, "hub");
        // A unit of 8 MB, sent as a snapshot chunk of its own: at 1 MB/s it takes some 8 s, and the hub allows 1.8 s. In
        // that time the hub can send the node's receive window (4 MiB) and what the link carried meanwhile, not the whole
        // chunk, so the node never receives the chunk's end. A unit of 3 MB fitted in the window: the hub had sent all of
        // it before giving up, and once in CI the node took it before the cancellation reached it, and went in sync.
        LoggedUnits.Append(new HubDatabase(Options.Create(new HubOptions { DataDirectory = hubData, PushCredential = Credential })), "ZH33010630001", 1, 8_000_000);
        await using var node = new NodeHost("national", "national", Credential, Path.Combine(data.Path, "nodes"));
        await node.StartAsync();
        await using var link = new NodeLink(node.GrpcUrl) { BytesPerSecond = 1_000_000 };
        await using var hub = await HubHost.StartAsync(hubData, [("Hub:PushCredential", Credential), ("Hub:PushDeadline", "00:00:01"),
            ("Hub:PushMinimumBytesPerSecond", "10000000"), ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", link.Url.ToString())]);

        // Each failure is written with its time; the sixth in a row is where a node that cannot be reached goes offline.
        var (failures, states, last) = (0, new HashSet<string>(), "");
        await Eventually.HoldsAsync(() =>
        {
            var (state, error, at) = Recorded(hub);
            if (state != NodeStates.CatchingUp && at != last)
            {
                (failures, last) = (failures + 1, at);
                states.Add($"{state}: {error}");
            }

            return failures >= 7;
        }, () => $"seven failed pushes; {failures} so far: {string.Join("; ", states)}", seconds: 90);

        var (final, reason, _) = Recorded(hub);
        Assert.Equal(NodeStates.Retrying, final);
        // Why, at least once: a round may also end with its first call timed out behind the cancelled chunk's bytes.
        Assert.Contains(states.Append($"{final}: {reason}"), s => s.Contains("took no snapshot chunk", StringComparison.Ordinal));
        Assert.DoesNotContain(states, s => s.StartsWith(NodeStates.Offline, StringComparison.Ordinal));
    }

    static (string State, string Error, string At) Recorded(HubHost hub)
    {
        using var connection = hub.Service<HubDatabase>().Open();
        return connection.Query(null, "SELECT state, COALESCE(last_error, ''), updated_at FROM nodes WHERE node_id = 'national'",
            // No row yet while the hub's push worker has not registered its nodes: nothing recorded.
            r => (r.GetString(0), r.GetString(1), r.GetString(2))).SingleOrDefault(("", "", ""));
    }
}
