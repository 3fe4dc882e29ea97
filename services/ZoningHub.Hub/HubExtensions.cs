using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZoningHub.Hub.Api;
using ZoningHub.Hub.Dashboard;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Intake;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub;

/// <summary>All of the hub's wiring, shared by its own executable and the embedded run.</summary>
public static class HubExtensions
{
    public static IHostApplicationBuilder AddHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubOptions>()
            .BindConfiguration(HubOptions.Section)
            .ValidateDataAnnotations()
            // host:port alone (national-node:5091) is an absolute URI too, whose scheme is the host name.
            .Validate(o => o.Nodes.All(n => n.Address is { IsAbsoluteUri: true, Scheme: "http" or "https" }),
                "Hub:Nodes:N:Address must be an http:// or https:// address such as http://127.0.0.1:5091; host:port alone is not one.")
            .Validate(o => o.Nodes.All(n => n.Scope is "national" || (n.Scope.Length == 2 && n.Scope.All(char.IsAsciiDigit))),
                "Hub:Nodes:N:Scope must be 'national' or a two-digit province code such as '33'.")
            .Validate(o => o.Nodes.Select(n => n.Id).Distinct().Count() == o.Nodes.Count, "Hub:Nodes ids must be unique.")
            // Two ids for one node would push it everything twice, and, for a national node, file every update twice.
            .Validate(o => o.Nodes.Select(n => n.Address?.AbsoluteUri).Distinct().Count() == o.Nodes.Count,
                "Hub:Nodes addresses must be unique: each Hub:Nodes:N:Address names one node.")
            .Validate(o => o.PushCredential.Length > 0 || o.Nodes.All(n => !string.IsNullOrEmpty(n.Credential)),
                "Hub:PushCredential is required unless every Hub:Nodes:N has its own Credential: nodes accept pushes only with the credential they are configured with.")
            .ValidateOnStart();

        var services = builder.Services;
        services.AddSingleton<HubDatabase>();
        services.AddSingleton(sp => new StoreWrites(TimeProvider.System));
        services.AddHealthChecks().AddStores("hub store", sp => [("hub.db", sp.GetRequiredService<HubDatabase>().Open)], sp => sp.GetRequiredService<StoreWrites>());
        services.AddSingleton<IntakeStore>();
        services.AddSingleton<HeldChangeSets>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<DerivationStore>();
        services.AddSingleton<UnitLogReader>();
        services.AddSingleton<NodeStore>();
        services.AddSingleton<StreamStore>();
        services.AddSingleton<ConflictReader>();
        services.AddSingleton<HubStatusReader>();
        services.AddSingleton<DerivationSignal>();
        services.AddSingleton<UnitLogSignal>();
        services.AddSingleton<NodeRequests>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UnitLogCompaction>();
        services.AddHostedService<LogCompactionSchedule>();
        services.AddSingleton<ThroughputReader>();
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<RejectionAnnouncer>();
        services.AddSingleton<ChangeSetIntake>();
        services.AddSingleton<UnreadableQuarantine>();
        services.AddSingleton<ReusedNumbers>();
        services.AddSingleton<QuarantineReplay>();
        services.AddSingleton<DerivationOutbox>();
        services.AddSingleton<DerivationAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<DerivationAnnouncer>());
        services.AddHostedService<DerivationWorker>();
        services.AddHostedService<NodePushWorker>();
        services.AddHostedService<GapWatcher>();
        services.AddSingleton<BrokerQueues>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerQueues>());
        services.AddSingleton<BrokerQueueMessages>();
        // The hub serves only queries over gRPC (it is the push's client), and they need no credential.
        services.AddZoningHubGrpc();
        services.AddZoningHubGrpcHealth();
        return builder;
    }

    /// <summary>The hub's consumers; their definitions name and bind the endpoints.</summary>
    public static void AddHubConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ChangeSetConsumer, ChangeSetConsumerDefinition>();

    public static WebApplication MapHub(this WebApplication app)
    {
        app.UseBrowserSecurityHeaders();
        app.MapHubApi();
        app.MapDashboard();
        app.MapGrpcService<HubQueryService>();
        app.MapZoningHubGrpcHealth();
        return app;
    }
}
