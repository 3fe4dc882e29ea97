using Microsoft.Data.Sqlite;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A batch whose store write failed is retried for up to 25 minutes: a change set it refuses is quarantined, and its
/// rejection announced, once, not once per try.
/// </summary>
public sealed class When_a_batch_with_a_refused_change_set_waits_for_the_store
{
    [Fact]
    public async Task Should_quarantine_the_refused_change_set_once()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var db = Path.Combine(data.Path, "hub.db");
        Execute(db, "CREATE TRIGGER outage BEFORE INSERT ON change_sets BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");

        // A change set without a stream (no place in any stream: quarantined at once) and a good one, together.
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))) with { Stream = "" });
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await Task.Delay(TimeSpan.FromSeconds(8));
        Execute(db, "DROP TRIGGER outage;");
        await hub.SettledAsync((OneMap, 1));

        Assert.Single((await hub.GetJsonAsync("/api/quarantine")).EnumerateArray());
    }

    static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=30000; " + sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Delivery is at least once: a refused change set, or an integrity alarm, that the broker delivers again is already
/// in quarantine, open, and is not added (and announced) a second time.
/// </summary>
public sealed class When_refused_input_is_delivered_again
{
    [Fact]
    public async Task Should_not_quarantine_a_change_set_without_a_place_again()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var refused = ChangeSet(OneMap, 0, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3)));
        await hub.SendAsync(refused);
        await Eventually.HoldsAsync(async () => (await hub.GetJsonAsync("/api/quarantine")).GetArrayLength() >= 1, "quarantined");

        await hub.SendAsync(refused);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));

        Assert.Single((await hub.GetJsonAsync("/api/quarantine")).EnumerateArray());
    }

    [Fact]
    public async Task Should_count_the_refusal_once()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var refused = ChangeSet(OneMap, 0, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3)));
        for (var delivery = 0; delivery < 3; delivery++)
        {
            await hub.SendAsync(refused);
        }

        // Taken off the queue all three times; intake takes one batch at a time, so a change set sent now is applied after
        // every batch that held them was done, its refusals counted.
        await Eventually.HoldsAsync(async () => Count(await Metrics(hub), "received") == 3, "three deliveries received");
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));

        Assert.Equal(1, Count(await Metrics(hub), "rejected"));
    }

    static Task<string> Metrics(HubHost hub) => hub.Http.GetStringAsync(new Uri(hub.HttpUrl, "/metrics"));

    static long Count(string metrics, string counter) => System.Text.RegularExpressions.Regex.Matches(metrics,
            $"^zoninghub_change_sets_{counter}_total\\{{[^}}]*department=\"natural-resources\"[^}}]*\\}} (\\d+)", System.Text.RegularExpressions.RegexOptions.Multiline)
        .Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Should_not_raise_an_applied_numbers_alarm_again()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var store = hub.Service<IntakeStore>();
        store.ApplyAll([Item(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))))]);
        var other = Item(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 121.5, 31))));

        var first = store.ApplyAll([other])[0];
        var again = store.ApplyAll([other])[0];

        Assert.Equal((IntakeDisposition.IntegrityConflict, first.QuarantineId), (again.Disposition, again.QuarantineId));
        Assert.Single(hub.Service<QuarantineStore>().List(10));
    }

    [Fact]
    public async Task Should_not_raise_a_held_numbers_alarm_again()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var store = hub.Service<IntakeStore>();
        store.ApplyAll([Item(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))))]);
        var other = Item(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 121.5, 31))));

        var first = store.ApplyAll([other])[0];
        var again = store.ApplyAll([other])[0];

        Assert.Equal((IntakeDisposition.IntegrityConflict, first.QuarantineId), (again.Disposition, again.QuarantineId));
        Assert.Single(hub.Service<QuarantineStore>().List(10));
    }

    static IntakeItem Item(ChangeSetPublished changeSet) =>
        new(changeSet, ChangeSetValidator.Validate(changeSet), ChangeSetFingerprint.Of(changeSet), System.Text.Json.JsonSerializer.Serialize(changeSet, System.Text.Json.JsonSerializerOptions.Web));
}
