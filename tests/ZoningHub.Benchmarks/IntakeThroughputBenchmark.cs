using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>
/// Change sets taken in per second by the hub through a real RabbitMQ, beside a raw MassTransit
/// send→consume of the same messages on the same broker in the same run (goal: at least half of it),
/// and how long derivation then takes to catch up.
/// </summary>
static class IntakeThroughputBenchmark
{
    const string Stream = "natural-resources.one-map";

    public static async Task<int> RunAsync(int count)
    {
        await using var broker = new RabbitMqBroker();
        await broker.InitializeAsync();
        var messages = Messages(count);
        Console.WriteLine($"{count} change sets of one redline feature each, broker: {broker.Description}");

        var raw = await RawMassTransitAsync(await broker.CreateVirtualHostAsync("bench-raw"), messages);
        Console.WriteLine($"raw MassTransit send→consume (baseline): {count / raw.TotalSeconds,8:F0} change sets/s");

        var (intake, catchUp) = await HubAsync(await broker.CreateVirtualHostAsync("bench-hub"), messages);
        Console.WriteLine($"hub intake (validated, stored, ordered): {count / intake.TotalSeconds,8:F0} change sets/s ({raw.TotalSeconds / intake.TotalSeconds:P0} of raw)");
        Console.WriteLine($"derivation caught up {catchUp.TotalSeconds:F1} s after the last change set was taken in");
        return 0;
    }

    /// <summary>A county boundary first, then redline edits in the 13 Hangzhou-sized counties it lays out.</summary>
    public static List<ChangeSetPublished> Messages(int count)
    {
        var counties = Enumerable.Range(0, 13).Select(i => (Code: $"3301{i + 10:D2}", West: 119.0 + i * 0.2)).ToList();
        var changeSets = new List<ChangeSetPublished>
        {
            Sources.ChangeSet(Stream, 1, "admin-division", [.. counties.Select(c => Sources.County(c.Code, Sources.Box(c.West, 30, c.West + 0.2, 30.2)))]),
        };
        for (var i = 2; i <= count; i++)
        {
            var county = counties[i % counties.Count];
            var offset = i % 50 * 0.002;
            changeSets.Add(Sources.ChangeSet(Stream, i, "ecological-redline",
                Sources.Upsert($"H{i % 200}", Sources.Box(county.West + offset, 30.05, county.West + offset + 0.05, 30.1))));
        }

        return changeSets;
    }

    static async Task<TimeSpan> RawMassTransitAsync(Uri virtualHost, List<ChangeSetPublished> messages)
    {
        var counter = new CountingConsumer(messages.Count);
        var services = new ServiceCollection().AddSingleton(counter).AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<CountingConsumer>();
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(virtualHost);
                cfg.ReceiveEndpoint("raw-intake", e =>
                {
                    e.ConfigureConsumeTopology = false;
                    e.UseQuorumQueue();
                    e.BindExchange(Topology.ChangeSetExchange("natural-resources"));
                    e.ConfigureConsumer<CountingConsumer>(context);
                });
            });
        }).BuildServiceProvider();
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await SendAllAsync(bus, messages);
            await counter.Done.Task.WaitAsync(TimeSpan.FromMinutes(10));
            return clock.Elapsed;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    static async Task<(TimeSpan Intake, TimeSpan CatchUp)> HubAsync(Uri virtualHost, List<ChangeSetPublished> messages)
    {
        var data = Directory.CreateTempSubdirectory("zoninghub-bench-").FullName;
        await using var hub = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMqUrl"] = virtualHost.ToString(),
            ["Hub:DataDirectory"] = data,
            ["Hub:PushCredential"] = "bench",
        }, withGrpc: false, b => b.AddServiceDefaults().AddHub().AddZoningHubBus(Topology.HubPrefix, r => r.AddHubConsumers()),
            app => app.MapHub());
        var clock = Stopwatch.StartNew();
        await SendAllAsync(hub.Service<IBus>(), messages);
        var streams = hub.Service<StreamStore>();
        while (streams.All() is not [{ LastSequence: var last }] || last != messages.Count)
        {
            await Task.Delay(20);
        }

        var intake = clock.Elapsed;
        var derivation = hub.Service<DerivationStore>();
        while (!derivation.IsDrained())
        {
            await Task.Delay(20);
        }

        return (intake, clock.Elapsed - intake);
    }

    // Sends are started together and awaited as a whole, as an adapter draining its outbox would with confirms.
    static async Task SendAllAsync(IBus bus, List<ChangeSetPublished> messages)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange("natural-resources")}"));
        foreach (var chunk in messages.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(m => endpoint.Send(m)));
        }
    }
}
