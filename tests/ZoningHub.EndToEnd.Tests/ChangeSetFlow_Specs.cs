using System.Text.Json;
using System.Text.Json.Nodes;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

[Collection(RealBroker.Name)]
public class When_a_department_publishes_a_change_set(RabbitMqBroker broker)
{
    static readonly string Exchange = Topology.ChangeSetExchange("natural-resources");

    [Fact]
    public async Task Should_reach_the_national_node_from_an_export_dropped_into_the_adapter_inbox()
    {
        await using var system = await ZoningHubSystem.StartAsync(await broker.CreateVirtualHostAsync("export-to-node"));

        system.DropExport("admin-division", Samples.HangzhouCounties);

        await Eventually.HoldsAsync(() => system.NodeUnits().Count == Samples.HangzhouCountyCount, "the node holds one unit per Hangzhou county");
        var hubUnits = (await system.GetJsonAsync("/api/units")).GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("properties").GetProperty("contentHash").GetString()!);
        Assert.Equal(hubUnits.OrderBy(u => u.Key, StringComparer.Ordinal), system.NodeUnits().OrderBy(u => u.Key, StringComparer.Ordinal));
        // The node applies a batch before the hub records its acknowledgement: the hub's view catches up just after.
        var node = default(JsonElement);
        await Eventually.HoldsAsync(async () =>
        {
            node = (await system.GetJsonAsync("/api/status")).GetProperty("nodes")[0];
            return node.GetProperty("lagRevisions").GetInt64() == 0 && node.GetProperty("state").GetString() == "in-sync";
        }, () => $"the hub sees the node in sync (last: {node})");
    }

    [Fact]
    public async Task Should_give_the_same_units_whether_sent_through_MassTransit_or_as_plain_JSON()
    {
        var changeSet = Samples.HangzhouChangeSet();
        await using var viaMassTransit = await ZoningHubSystem.StartAsync(await broker.CreateVirtualHostAsync("via-masstransit"), withAdapter: false);
        var plainVirtualHost = await broker.CreateVirtualHostAsync("via-plain-json");
        await using var viaPlainJson = await ZoningHubSystem.StartAsync(plainVirtualHost, withAdapter: false);

        await viaMassTransit.SendWithMassTransitAsync(Exchange, changeSet);
        // No content type at all: the hub takes such a message as plain JSON (contracts/README.md §2).
        await PlainJsonPublisher.PublishAsync(plainVirtualHost, Exchange, JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web), contentType: null);

        await Eventually.HoldsAsync(() => viaMassTransit.NodeUnits().Count == Samples.HangzhouCountyCount, "the MassTransit path reaches the node");
        await Eventually.HoldsAsync(() => viaPlainJson.NodeUnits().Count == Samples.HangzhouCountyCount, "the plain JSON path reaches the node");
        Assert.Equal(viaMassTransit.NodeUnits().OrderBy(u => u.Key, StringComparer.Ordinal), viaPlainJson.NodeUnits().OrderBy(u => u.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_keep_bad_input_with_its_reason_and_let_the_next_good_change_set_flow()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("bad-input");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        var withoutSequence = JsonSerializer.SerializeToNode(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web)!.AsObject();
        withoutSequence.Remove("sequence");
        // JSON can say null where the contract has a value; once, that failed its whole intake batch.
        var withNullFeatures = JsonSerializer.SerializeToNode(Samples.HangzhouChangeSet() with { Stream = "natural-resources.archive" },
            JsonSerializerOptions.Web)!.AsObject();
        withNullFeatures["features"] = null;

        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, "{ \"stream\": \"natural-resources.one-map\", oops");
        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, withoutSequence.ToJsonString());
        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, withNullFeatures.ToJsonString());
        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, JsonSerializer.Serialize(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web));

        await Eventually.HoldsAsync(() => system.NodeUnits().Count == Samples.HangzhouCountyCount, "the good change set still reaches the node");
        await Eventually.HoldsAsync(async () => (await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 3,
            "the unreadable message and both refused change sets are quarantined");
        var reasons = (await system.GetJsonAsync("/api/quarantine")).EnumerateArray()
            .Select(q => Assert.Single(q.GetProperty("reasons").EnumerateArray().ToList()))
            .ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("message").GetString()!);
        Assert.Equal([RejectionRules.FeaturesMissing, RejectionRules.BodyUnreadable, RejectionRules.SequenceMissing], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("sequence", reasons[RejectionRules.SequenceMissing], StringComparison.Ordinal);
        Assert.Contains("'o' is an invalid start of a property name", reasons[RejectionRules.BodyUnreadable], StringComparison.Ordinal);
    }

    /// <summary>
    /// Through MassTransit's own raw JSON reader, not only the specs' copy of its options: a body the schema passes is read
    /// (an integer written 1.0, an RFC 3339 time in lower case went to the intake's _error queue untold), and one without
    /// kind is refused by name, not read as a delta.
    /// </summary>
    [Fact]
    public async Task Should_read_what_the_schema_allows_and_refuse_a_missing_member_by_name()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("schema-reads");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        var withoutKind = JsonSerializer.SerializeToNode(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web)!.AsObject();
        withoutKind.Remove("kind");
        // The refused change set takes its number (contracts/README.md §5); this one is the stream's next.
        var asTheSchemaAllows = JsonSerializer.SerializeToNode(Samples.HangzhouChangeSet(sequence: 2), JsonSerializerOptions.Web)!.AsObject();
        (asTheSchemaAllows["sequence"], asTheSchemaAllows["schemaVersion"], asTheSchemaAllows["exportedAt"]) =
            (JsonNode.Parse("2.0"), JsonNode.Parse("1.0"), "2026-11-01t09:30:00z");

        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, withoutKind.ToJsonString());
        await Eventually.HoldsAsync(async () => (await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 1, "the change set without kind is quarantined");
        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, asTheSchemaAllows.ToJsonString());

        await Eventually.HoldsAsync(() => system.NodeUnits().Count == Samples.HangzhouCountyCount, "the change set numbered 2.0 reaches the node");
        var entry = Assert.Single((await system.GetJsonAsync("/api/quarantine")).EnumerateArray());
        Assert.Equal(RejectionRules.KindUnknown, Assert.Single(entry.GetProperty("reasons").EnumerateArray()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_change_set_published_in_another_departments_name_without_taking_its_number()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("forged");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        var genuine = Samples.HangzhouChangeSet();
        // Through the water department's exchange, the only one its broker user may publish to, a change set in the name
        // of natural resources, under the number their own next change set will have.
        var forged = genuine with { Kind = ChangeSetKinds.Snapshot, Features = [] };
        await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange("water-resources"), JsonSerializer.Serialize(forged, JsonSerializerOptions.Web));
        await Eventually.HoldsAsync(async () => (await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 1, "the forged change set is quarantined");
        await PlainJsonPublisher.PublishAsync(virtualHost, Exchange, JsonSerializer.Serialize(genuine, JsonSerializerOptions.Web));

        await Eventually.HoldsAsync(() => system.NodeUnits().Count == Samples.HangzhouCountyCount, "the genuine change set, with the same number, is applied");
        var entry = Assert.Single((await system.GetJsonAsync("/api/quarantine")).EnumerateArray());
        Assert.Equal(RejectionRules.ExchangeNotDepartment, Assert.Single(entry.GetProperty("reasons").EnumerateArray()).GetProperty("rule").GetString());

        // Replayed, it would be applied in the victim's name: a replay does not check the exchange it came through again.
        var replay = system.Hub.Service<ZoningHub.Hub.Intake.QuarantineReplay>().Replay(entry.GetProperty("id").GetInt64());
        Assert.Contains("took no place in a stream", Assert.IsType<ZoningHub.Hub.Intake.ReplayOutcome.NotReplayable>(replay).Why, StringComparison.Ordinal);
        Assert.Equal(Samples.HangzhouCountyCount, system.NodeUnits().Count);
    }
}
