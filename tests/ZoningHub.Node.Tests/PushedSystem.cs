using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Store;
using ZoningHub.Hub.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A hub (in-memory bus, real store) pushing over loopback gRPC to a national node and the provincial nodes of
/// Zhejiang and Anhui, each with its own store. Hub and nodes can be stopped, started and wiped independently.
/// </summary>
public sealed class PushedSystem : IAsyncDisposable
{
    const string Credential = "node-specs-credential";

    readonly TemporaryDirectory _data;
    readonly (string Key, string Value)[] _hubSettings;
    HubHost? _hub;

    PushedSystem(TemporaryDirectory data, IReadOnlyList<NodeHost> nodes, (string, string)[] hubSettings)
    {
        _data = data;
        Nodes = nodes;
        _hubSettings = hubSettings;
    }

    public IReadOnlyList<NodeHost> Nodes { get; }

    public NodeHost National => Nodes.Single(n => n.Scope == "national");

    public NodeHost Province(string scope) => Nodes.Single(n => n.Scope == scope);

    public HubHost Hub => _hub ?? throw new InvalidOperationException("the hub is stopped");

    /// <param name="pushBatchBytes">The hub's batch bound; a small one makes a push or snapshot take many calls.</param>
    /// <param name="credentials">Per node id, a credential the node expects other than the hub's.</param>
    /// <param name="misregistered">A node the hub registers with another scope than the node has.</param>
    /// <param name="digestInterval">Hub:DigestInterval; a second by default, so a scheduled check soon catches a mismatch.</param>
    /// <param name="hubSettings">Other hub settings, as configuration keys and values.</param>
    public static async Task<PushedSystem> StartAsync(int pushBatchBytes = 1024 * 1024, IReadOnlyDictionary<string, string>? credentials = null,
        (string NodeId, string Scope)? misregistered = null, string digestInterval = DefaultDigestInterval, IEnumerable<(string Key, string Value)>? hubSettings = null)
    {
        var data = new TemporaryDirectory("zoninghub-push-");
        var settings = new List<(string, string)>
        {
            ("Hub:PushBatchBytes", pushBatchBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Hub:DigestInterval", digestInterval),
            ("Hub:PushDeadline", "00:00:05"),
            ("Hub:PushCredential", Credential),
        };
        settings.AddRange(hubSettings ?? []);
        var nodes = new List<NodeHost>();
        foreach (var (id, scope) in new[] { ("national", "national"), ("zhejiang", "33"), ("anhui", "34") })
        {
            var node = new NodeHost(id, scope, credentials?.GetValueOrDefault(id) ?? Credential, Path.Combine(data.Path, "nodes"));
            settings.Add(($"Hub:Nodes:{nodes.Count}:Id", id));
            settings.Add(($"Hub:Nodes:{nodes.Count}:Scope", misregistered is { } wrong && wrong.NodeId == id ? wrong.Scope : scope));
            settings.Add(($"Hub:Nodes:{nodes.Count}:Address", node.GrpcUrl.ToString()));
            nodes.Add(node);
            await node.StartAsync();
        }

        var system = new PushedSystem(data, nodes, [.. settings]);
        await system.StartHubAsync();
        return system;
    }

    /// <summary>Where the hub's and the nodes' stores are.</summary>
    public string DataPath => _data.Path;

    public async Task StartHubAsync() => _hub = await HubHost.StartAsync(Path.Combine(_data.Path, "hub"), _hubSettings);

    public async Task StopHubAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
            _hub = null;
        }
    }

    /// <summary>Sends the first change sets and waits until every node is verified in sync with them.</summary>
    public async Task LoadAsync()
    {
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await Hub.SendAndTakeAsync(changeSet);
        }

        await Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence));
        if (_hubSettings.Contains(("Hub:DigestInterval", DefaultDigestInterval)))
        {
            await AllVerifiedAsync();
            return;
        }

        // Scheduled checks far apart: a node's first check may have been made before the load was through, and the next
        // is not due within the spec. Each is asked for at the head, as an operator would.
        await Eventually.HoldsAsync(async () =>
        {
            var status = await Hub.GetJsonAsync("/api/status");
            var head = status.GetProperty("headRevision").GetInt64();
            if (!Hub.Service<DerivationStore>().IsDrained() || head != Hub.HeadRevision()
                || !status.GetProperty("nodes").EnumerateArray().All(n => n.GetProperty("acknowledgedRevision").GetInt64() == head))
            {
                return false;
            }

            foreach (var node in Nodes)
            {
                await Hub.PostAsync($"/api/admin/nodes/{node.Id}/verify");
            }

            return true;
        }, "every node acknowledged the head, to be checked there", 60);
        await AllVerifiedAsync();
    }

    const string DefaultDigestInterval = "00:00:01";

    /// <summary>
    /// Waits until every node holds the head with the hub's digest of its scope, by the node's own store, and the
    /// status API shows each verified. Both, because the hub's record of a node that restarted a moment ago is
    /// still the one from before, until its pusher next reaches it.
    /// </summary>
    public Task AllVerifiedAsync(int seconds = 60) =>
        Eventually.HoldsAsync(async () =>
        {
            var status = await Hub.GetJsonAsync("/api/status");
            var head = status.GetProperty("headRevision").GetInt64();
            return Hub.Service<DerivationStore>().IsDrained() && head == Hub.HeadRevision()
                && Nodes.All(n => n.IsRunning && n.Acknowledged() == head && HubDigest(n) == (n.Digest().Digest, n.Digest().UnitCount))
                && status.GetProperty("nodes").EnumerateArray().All(n => n.GetProperty("acknowledgedRevision").GetInt64() == head && n.GetProperty("verified").GetBoolean());
        }, () => $"every node verified in sync at the head; status nodes: {NodesStatus()}", seconds);

    public JsonElement NodeStatus(string id) =>
        Hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == id);

    string NodesStatus()
    {
        try
        {
            return Hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes").ToString();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return $"(status unavailable: {e.Message})";
        }
    }

    /// <summary>The hub's active units in a node's scope by code → content hash: exactly what the node must hold.</summary>
    public IReadOnlyDictionary<string, string> HubUnits(string scope) =>
        Hub.ActiveUnits().Where(u => scope == "national" || u.County.StartsWith(scope, StringComparison.Ordinal)).ToDictionary(u => u.Code, u => u.ContentHash);

    /// <summary>The hub's digest of a scope at the node's acknowledged revision, computed independently of the pusher.</summary>
    public (string Digest, long Units) HubDigest(NodeHost node) => Hub.Service<UnitLogReader>().DigestAt(node.Scope, node.Acknowledged());

    public async Task SendAsync(ChangeSetPublished changeSet) => await Hub.SendAndTakeAsync(changeSet);

    public async ValueTask DisposeAsync()
    {
        await StopHubAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        _data.Dispose();
    }
}
