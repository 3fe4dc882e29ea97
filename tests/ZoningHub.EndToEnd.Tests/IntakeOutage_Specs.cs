using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RabbitMQ.Client;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// A hub store that cannot be written for a while (a full disk, an I/O error, a backup's lock) is not the change
/// sets' fault: intake waits for it, and nothing of the batch goes to the error queue, where no stream would ask again.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_the_hubs_store_cannot_be_written_for_a_while(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_apply_the_waiting_batch_once_the_store_is_back()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("intake-outage");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        var hubDb = Path.Combine(system.AdapterStateDirectory, "..", "hub", "hub.db");
        Execute(hubDb, "CREATE TRIGGER outage BEFORE INSERT ON change_sets BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;");

        // One batch of two departments' change sets.
        await PublishTogetherAsync(virtualHost,
            (Topology.ChangeSetExchange("natural-resources"), Json(Samples.HangzhouChangeSet())),
            (Topology.ChangeSetExchange("water-resources"), Json(Sources.ChangeSet("water-resources.water", 1, "drinking-water-source-zone"))));
        // Longer than the three quick retries (6.2 s) that ended in the error queue before.
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Equal((0L, 0L), (system.HubStream("natural-resources.one-map").LastSequence, system.HubStream("water-resources.water").LastSequence));
        Execute(hubDb, "DROP TRIGGER outage;");

        await Eventually.HoldsAsync(() => system.HubStream("natural-resources.one-map").LastSequence == 1 && system.HubStream("water-resources.water").LastSequence == 1,
            () => $"both change sets are applied once the store takes writes (one-map {system.HubStream("natural-resources.one-map")}, water {system.HubStream("water-resources.water")})",
            seconds: 60);
        Assert.True(await PlainJsonPublisher.ReadyAsync(virtualHost, Topology.HubIntakeQueue + "_error") is null or 0, "nothing went to the error queue");
    }

    static string Json(ChangeSetPublished changeSet) => JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web);

    /// <summary>Publishes on one channel, back to back, so the hub takes them in one batch.</summary>
    static async Task PublishTogetherAsync(Uri amqp, params (string Exchange, string Body)[] messages)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var (exchange, body) in messages)
        {
            var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString() };
            await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }
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
