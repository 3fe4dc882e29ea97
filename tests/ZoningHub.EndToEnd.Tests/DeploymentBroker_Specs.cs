using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// The deployment's broker as docker-compose.yml and run-distributed.sh load it (infra/rabbitmq/definitions.json):
/// each service connects under its own user, whose rights are what DESIGN §5's authority rests on at the broker.
/// </summary>
[Collection(RealBroker.Name)]
public sealed partial class When_services_connect_under_the_deployments_broker_users(RabbitMqBroker broker)
{
    const string Layer = "ecological-redline";

    [Fact]
    public async Task Should_carry_a_departments_export_to_the_hub_each_under_its_own_user()
    {
        var users = await DeploymentBroker.CreateAsync(broker, "deployment-flow");
        await using var system = await ZoningHubSystem.StartAsync(users["hub"], adapterAmqp: users["adapter-natural-resources"]);

        system.DropExport(Layer, "redlines-1.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(() => system.HubStream("natural-resources.one-map").LastSequence == 1,
            () => $"the one-map adapter's change set reaches the hub (hub {system.HubStream("natural-resources.one-map")})", seconds: 60);
        Assert.Equal(RedlineExports.Ids().Order(StringComparer.Ordinal), system.HubFeatures(Layer).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_refuse_a_department_publishing_into_another_departments_exchange()
    {
        var users = await DeploymentBroker.CreateAsync(broker, "deployment-authority");
        await using var system = await ZoningHubSystem.StartAsync(users["hub"], withAdapter: false);
        var forgery = """{"stream":"natural-resources.one-map","sequence":1}""";

        var refused = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() =>
            PlainJsonPublisher.PublishAsync(users["adapter-water-resources"], Topology.ChangeSetExchange("natural-resources"), forgery));
        Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);

        // Its own exchange it may publish to.
        await PlainJsonPublisher.PublishAsync(users["adapter-water-resources"], Topology.ChangeSetExchange("water-resources"), forgery.Replace("natural-resources", "water-resources"));
    }

    [Fact]
    public async Task Should_let_a_department_follow_its_own_rejections_and_no_other_departments()
    {
        var users = await DeploymentBroker.CreateAsync(broker, "deployment-rejections");
        await using var system = await ZoningHubSystem.StartAsync(users["hub"], withAdapter: false);
        var department = users["adapter-natural-resources"];
        var queue = Topology.AdapterPrefix("natural-resources") + ".rejections-followed";
        await using (var connection = await new ConnectionFactory { Uri = department }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync(Topology.RejectionExchange("natural-resources"), ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, Topology.RejectionExchange("natural-resources"), "");
        }

        // A change set of its own the hub refuses (no such layer).
        var refused = System.Text.Json.JsonSerializer.Serialize(Samples.HangzhouChangeSet() with { Layer = "no-such-layer" }, System.Text.Json.JsonSerializerOptions.Web);
        await PlainJsonPublisher.PublishAsync(department, Topology.ChangeSetExchange("natural-resources"), refused);
        RabbitMQ.Client.BasicGetResult? message = null;
        await Eventually.HoldsAsync(async () => (message = await PlainJsonPublisher.GetAsync(department, queue)) is not null, "the department receives its rejection");
        using var envelope = System.Text.Json.JsonDocument.Parse(message!.Body);
        Assert.Equal("natural-resources.one-map", envelope.RootElement.GetProperty("message").GetProperty("stream").GetString());
        Assert.Equal(Topology.RejectionExchange("natural-resources"), message.Exchange);

        // Another department's rejections it may not read.
        await using var other = await new ConnectionFactory { Uri = department }.CreateConnectionAsync();
        await using var otherChannel = await other.CreateChannelAsync();
        var denied = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() =>
            otherChannel.QueueBindAsync(queue, Topology.RejectionExchange("water-resources"), ""));
        Assert.Equal((ushort)403, denied.ShutdownReason?.ReplyCode);
    }

    /// <remarks>
    /// The passwords come from the environment on both sides (a service's URL and the broker's hash of it, see
    /// DeploymentBrokerPasswords_Specs.cs). What must hold here is that each service connects as a user the broker defines,
    /// in its virtual host.
    /// </remarks>
    [Fact]
    public void Should_connect_each_service_in_docker_compose_as_a_user_the_definitions_give_rights()
    {
        var definitions = JsonNode.Parse(File.ReadAllText(DeploymentBroker.DefinitionsPath))!;
        var rights = definitions["permissions"]!.AsArray().Select(p => (User: p!["user"]!.GetValue<string>(), VirtualHost: p["vhost"]!.GetValue<string>())).ToHashSet();
        var compose = File.ReadAllText(Path.Combine(DeploymentBroker.RepositoryRoot(), "docker-compose.yml"));
        var urls = BrokerUrl().Matches(compose).Select(m => (User: m.Groups["user"].Value, VirtualHost: m.Groups["vhost"].Value)).ToList();

        Assert.Equal(["adapter-ecology-environment", "adapter-forestry-grassland", "adapter-natural-resources", "adapter-water-resources", "hub"],
            urls.Select(u => u.User).Order(StringComparer.Ordinal));
        Assert.All(urls, url => Assert.True(rights.Contains(url), $"docker-compose.yml connects as '{url.User}' to '{url.VirtualHost}', where definitions.json gives that user no rights"));
    }

    [GeneratedRegex(@"Bus__RabbitMqUrl:\s*amqp://(?<user>[^:@\s]+):(?:\$\{[^}]*\}|[^@\s]+)@[^/\s]+/(?<vhost>\S+)")]
    private static partial Regex BrokerUrl();
}
