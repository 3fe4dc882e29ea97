using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using Xunit.Abstractions;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.EndToEnd.Tests;

[Collection(RealBroker.Name)]
public class When_the_hub_process_is_killed_while_applying_change_sets(RabbitMqBroker broker, ITestOutputHelper output)
{
    const string Stream = "natural-resources.one-map";
    const int Count = 1_500;
    const int Redlines = 40;

    // It found one real loss path, now fixed: held change sets were taken out of the hold in one transaction and
    // applied in another, and a kill in between lost them (their broker messages were acknowledged when held).
    // It still fails about 1 run in 14: the change sets right after the last committed one are never applied,
    // not ready in the queue, not in _error, later ones held behind them. Until that is understood it must not
    // gate a landing; it is the first thing to investigate.
    [Fact]
    public async Task Should_lose_nothing_and_double_nothing_after_a_restart()
    {
        var amqp = await broker.CreateVirtualHostAsync("crash");
        var data = Directory.CreateTempSubdirectory("zoninghub-crash-").FullName;
        var passed = false;
        try
        {
            var hub = await HubProcess.StartAsync(amqp, data);
            var publishing = PublishAsync(amqp, ChangeSets());
            await Eventually.HoldsAsync(async () => LastSequence(await hub.StatusAsync()) >= Count / 5, "the hub is part-way through");
            hub.Kill();
            await publishing;
            var before = LastSequence(await ReadStatusFromStoreAsync(data));
            Assert.InRange(before, Count / 5, Count - 1);

            await using var restarted = await HubProcess.StartAsync(amqp, data, "hub-restarted.log");
            var status = await restarted.StatusAsync();
            var queues = "";
            await Eventually.HoldsAsync(async () =>
            {
                status = await restarted.StatusAsync();
                queues = $"{await PlainJsonPublisher.DescribeAsync(amqp, Topology.HubIntakeQueue)}; " +
                         $"{await PlainJsonPublisher.DescribeAsync(amqp, Topology.HubIntakeQueue + "_error")}";
                return LastSequence(status) == Count && status.GetProperty("pendingCounties").GetInt64() == 0;
            }, () => $"the restarted hub applies the rest and derivation drains ({queues}; last status: {status})", seconds: 60);
            await restarted.DisposeAsync();

            await using var store = new SqliteConnection($"Data Source={Path.Combine(data, "hub.db")}");
            await store.OpenAsync();
            // Every change set applied exactly once, none left waiting.
            Assert.Equal((long)Count, Scalar(store, "SELECT COUNT(*) FROM change_sets WHERE stream = 'natural-resources.one-map'"));
            Assert.Equal((long)Count, Scalar(store, "SELECT COUNT(DISTINCT sequence) FROM change_sets"));
            Assert.Equal(0L, Scalar(store, "SELECT COUNT(*) FROM held_change_sets"));
            // Each redline holds the version its last change set gave it.
            Assert.Equal((long)Redlines, Scalar(store, "SELECT COUNT(*) FROM features WHERE layer = 'ecological-redline'"));
            foreach (var (id, version) in ExpectedRedlineVersions())
            {
                Assert.Equal(version, Scalar(store, $"SELECT source_version FROM features WHERE layer = 'ecological-redline' AND id = '{id}'"));
            }

            // One active unit per identity, each unit's versions consecutive: nothing appended twice.
            Assert.Equal(0L, Scalar(store, "SELECT COUNT(*) FROM (SELECT identity FROM units WHERE retired = 0 GROUP BY identity HAVING COUNT(*) > 1)"));
            Assert.Equal(0L, Scalar(store, "SELECT COUNT(*) FROM (SELECT code FROM unit_log GROUP BY code HAVING COUNT(*) <> MAX(version))"));
            passed = true;
        }
        finally
        {
            if (passed)
            {
                Directory.Delete(data, recursive: true);
            }
            else
            {
                output.WriteLine($"Kept the hub's store and both processes' logs in {data}");
            }
        }
    }

    /// <summary>13 county boundaries, then redline edits that move 40 redlines about within them.</summary>
    static List<ChangeSetPublished> ChangeSets()
    {
        var counties = Enumerable.Range(0, 13).Select(i => (Code: $"3301{i + 10:D2}", West: 119.0 + i * 0.2)).ToList();
        var changeSets = new List<ChangeSetPublished>
        {
            ChangeSet(Stream, 1, Layers.AdminDivision, [.. counties.Select(c => County(c.Code, Box(c.West, 30, c.West + 0.2, 30.2)))]),
        };
        for (var i = 2; i <= Count; i++)
        {
            var county = counties[i % Redlines % counties.Count];
            var offset = i % 7 * 0.01;
            changeSets.Add(ChangeSet(Stream, i, Layers.Redline, Upsert($"H{i % Redlines}", Box(county.West + offset, 30.05, county.West + offset + 0.05, 30.1))));
        }

        return changeSets;
    }

    static IEnumerable<(string Id, string Version)> ExpectedRedlineVersions() =>
        ChangeSets().Skip(1).Select(cs => cs.Features[0]).GroupBy(f => f.Id).Select(g => (g.Key, g.Last().SourceVersion));

    static async Task PublishAsync(Uri amqp, List<ChangeSetPublished> changeSets)
    {
        await using var services = new ServiceCollection().AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((_, cfg) => cfg.Host(amqp));
        }).BuildServiceProvider();
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync();
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange("natural-resources")}"));
        foreach (var chunk in changeSets.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(cs => endpoint.Send(cs)));
        }

        await bus.StopAsync();
    }

    static long LastSequence(System.Text.Json.JsonElement status) =>
        status.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("lastSequence").GetInt64()).DefaultIfEmpty(0).Max();

    static async Task<System.Text.Json.JsonElement> ReadStatusFromStoreAsync(string data)
    {
        await using var store = new SqliteConnection($"Data Source={Path.Combine(data, "hub.db")};Mode=ReadOnly");
        await store.OpenAsync();
        var last = Scalar(store, "SELECT COALESCE(MAX(last_sequence), 0) FROM streams");
        return System.Text.Json.JsonSerializer.SerializeToElement(new { streams = new[] { new { lastSequence = last } } });
    }

    static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
