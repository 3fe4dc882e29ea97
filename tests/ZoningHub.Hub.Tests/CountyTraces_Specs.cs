using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>The traces kept with a county waiting for derivation: bounded, and carried over from stores that kept one.</summary>
public sealed class When_many_change_sets_mark_one_county_before_it_is_derived
{
    const int KeptPerCounty = 32;

    [Fact]
    public async Task Should_keep_the_newest_traces_up_to_the_bound_and_count_the_dropped()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        // Derivation waits, so every mark is still there to read.
        await using var hub = await HubHost.StartAsync(data.Path, ("Hub:DerivationDelay", "00:01:00"));
        var store = hub.Service<IntakeStore>();
        store.ApplyAll([Item(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))), null)]);
        var traces = Enumerable.Range(2, KeptPerCounty + 3)
            .Select(sequence => (Sequence: sequence, Trace: $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01"))
            .ToList();
        foreach (var (sequence, trace) in traces)
        {
            store.ApplyAll([Item(ChangeSet(OneMap, sequence, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3 + sequence / 1000.0))), trace)]);
        }

        var mark = Assert.Single(hub.Service<DerivationStore>().Marked(10));
        Assert.Equal([.. traces.TakeLast(KeptPerCounty).Select(t => t.Trace)], mark.TraceParents);
        Assert.Equal(3, mark.TracesDropped);
    }

    [Fact]
    public void Should_carry_over_the_trace_a_store_of_the_last_version_kept_on_the_mark()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        const string trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        // What the last version wrote when a change marked a county: the trace on the mark itself.
        using (var connection = Store(data.Path).Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO marked_counties (county, generation, trace_parent) VALUES ('330106', 4, $tp)";
            command.Parameters.AddWithValue("$tp", trace);
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var upgraded = new DerivationStore(Store(data.Path));

        var mark = Assert.Single(upgraded.Marked(10));
        Assert.Equal([trace], mark.TraceParents);
    }

    static HubDatabase Store(string path) => new(Options.Create(new HubOptions { DataDirectory = path, PushCredential = "x" }));

    static IntakeItem Item(ChangeSetPublished changeSet, string? traceParent) =>
        new(changeSet, ChangeSetValidator.Validate(changeSet), ChangeSetFingerprint.Of(changeSet),
            JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web)) { TraceParent = traceParent };
}
