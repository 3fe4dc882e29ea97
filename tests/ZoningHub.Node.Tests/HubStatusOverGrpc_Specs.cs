using System.Text.Json;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Another system (the national platform, a provincial one) reads the hub's status over gRPC and sees what an operator
/// sees at <c>/api/status</c>: before, it had no node's failure, no filing record and no stream's last-seen time.
/// </summary>
public sealed class When_another_system_reads_the_hubs_status_over_gRPC
{
    [Fact]
    public async Task Should_answer_what_the_status_api_answers_with_a_refused_node_and_the_filings()
    {
        await using var system = await PushedSystem.StartAsync(credentials: new Dictionary<string, string> { ["anhui"] = "not-the-hubs-credential" });
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await system.SendAsync(changeSet);
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence));
        // Verified means the digest matched at the revision the node acknowledged, which may be short of the head: the
        // filings are only complete once the national node has acknowledged everything (lag 0) as well.
        await Eventually.HoldsAsync(() => system.NodeStatus("anhui").GetProperty("state").GetString() == "refused"
                && system.NodeStatus("national") is var national
                && national.GetProperty("verified").GetBoolean() && national.GetProperty("lagRevisions").GetInt64() == 0,
            "anhui refused and the national node verified with every revision acknowledged");

        using var channel = GrpcChannel.ForAddress(system.Hub.GrpcUrl);
        var client = new HubQuery.HubQueryClient(channel);
        // Read twice, over HTTP and gRPC, until no round of the pushers falls between the two reads.
        (string Http, string Grpc) both = ("", "");
        await Eventually.HoldsAsync(async () =>
        {
            var http = await system.Hub.GetJsonAsync("/api/status");
            var grpc = await client.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            both = (Describe(http), Describe(grpc));
            return both.Http == both.Grpc;
        }, () => $"gRPC GetStatus answers as /api/status does:\n  http: {both.Http}\n  grpc: {both.Grpc}");

        var status = await client.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Contains("not the hub's", status.Nodes.Single(n => n.NodeId == "anhui").LastError, StringComparison.Ordinal);
        Assert.Equal("", status.Nodes.Single(n => n.NodeId == "national").LastError);
        Assert.Contains(status.Filings, f => f.Province == "33" && f.HasFiledRevision && f.FiledRevision >= f.LatestRevision && f.PendingRevisions == 0 && f.FiledAt is not null);
        Assert.All(status.Streams, s => Assert.NotNull(s.LastSeen));
    }

    static string Describe(JsonElement http) => string.Join("; ",
        $"head {http.GetProperty("headRevision")}, units {http.GetProperty("activeUnits")}, conflicts {http.GetProperty("openConflicts")}, "
        + $"pending {http.GetProperty("pendingCounties")}, failed {http.GetProperty("derivationFailureCount")}, quarantine {http.GetProperty("quarantineOpen")}",
        string.Join(", ", http.GetProperty("streams").EnumerateArray().Select(s =>
            $"{s.GetProperty("stream")} #{s.GetProperty("lastSequence")} seen {Seconds(s.GetProperty("lastSeen").GetDateTimeOffset())} held {s.GetProperty("held")} quarantined {s.GetProperty("quarantined")}")),
        string.Join(", ", http.GetProperty("nodes").EnumerateArray().Select(n =>
            $"{n.GetProperty("nodeId")} {n.GetProperty("state")} ack {n.GetProperty("acknowledgedRevision")} lag {n.GetProperty("lagRevisions")} "
            + $"verified {n.GetProperty("verified")} error '{Text(n, "lastError")}' detail '{Text(n, "detail")}'")),
        string.Join(", ", http.GetProperty("filings").EnumerateArray().Select(f =>
            $"{f.GetProperty("province")} latest {f.GetProperty("latestRevision")} filed {Text(f, "filedRevision")} at "
            + $"{(f.GetProperty("filedAt").ValueKind == JsonValueKind.Null ? "" : Seconds(f.GetProperty("filedAt").GetDateTimeOffset()))} pending {f.GetProperty("pendingRevisions")}")));

    static string Describe(HubStatus grpc) => string.Join("; ",
        $"head {grpc.HeadRevision}, units {grpc.ActiveUnits}, conflicts {grpc.OpenConflicts}, "
        + $"pending {grpc.PendingCounties}, failed {grpc.DerivationFailureCount}, quarantine {grpc.QuarantineOpen}",
        string.Join(", ", grpc.Streams.Select(s =>
            $"{s.Stream} #{s.LastSequence} seen {(s.LastSeen is null ? "" : Seconds(s.LastSeen.ToDateTimeOffset()))} held {s.Held} quarantined {s.Quarantined}")),
        string.Join(", ", grpc.Nodes.Select(n =>
            $"{n.NodeId} {n.State} ack {n.AcknowledgedRevision} lag {n.LagRevisions} verified {(n.Verified ? "True" : "False")} error '{n.LastError}' detail '{n.Detail}'")),
        string.Join(", ", grpc.Filings.Select(f =>
            $"{f.Province} latest {f.LatestRevision} filed {(f.HasFiledRevision ? f.FiledRevision : "")} at "
            + $"{(f.FiledAt is null ? "" : Seconds(f.FiledAt.ToDateTimeOffset()))} pending {f.PendingRevisions}")));

    static string Text(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: not JsonValueKind.Null } value ? value.ToString() : "";

    static string Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
