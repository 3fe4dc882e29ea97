using ZoningHub.Hub;

namespace ZoningHub.Standalone;

public static class StandaloneExtensions
{
    /// <summary>Registers the embedded nodes with the hub and hosts them, from the one <c>Embedded:Nodes</c> list.</summary>
    public static IHostApplicationBuilder AddEmbeddedNodes(this IHostApplicationBuilder builder)
    {
        var nodes = builder.Configuration.GetSection("Embedded:Nodes").Get<List<EmbeddedNode>>() ?? [];
        var registrations = new Dictionary<string, string?>();
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            registrations[$"{HubOptions.Section}:Nodes:{i}:Id"] = node.Id;
            registrations[$"{HubOptions.Section}:Nodes:{i}:Scope"] = node.Scope;
            registrations[$"{HubOptions.Section}:Nodes:{i}:Address"] = node.GrpcUrl?.ToString();
        }

        builder.Configuration.AddInMemoryCollection(registrations);
        // Each node takes the pushes of the credential the hub presents to it: its own (Hub:Nodes:N:Credential) if it has one.
        var credentials = nodes.Select((_, i) => builder.Configuration[$"{HubOptions.Section}:Nodes:{i}:Credential"] is { Length: > 0 } own ? own
            : builder.Configuration[$"{HubOptions.Section}:PushCredential"] ?? "").ToList();
        var dataDirectory = builder.Configuration["Embedded:NodeDataDirectory"] ?? "data/nodes";
        builder.Services.AddSingleton(sp => new EmbeddedNodes(nodes, credentials, dataDirectory, sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedNodes>());
        return builder;
    }

    /// <summary>Plays the samples' later stages into the inboxes, one every <c>Embedded:SimulateInterval</c> (30 s).</summary>
    public static IHostApplicationBuilder SimulateLaterEdits(this IHostApplicationBuilder builder)
    {
        var (inboxRoot, provinces) = (EmbeddedSettings.InboxRoot(builder.Configuration), EmbeddedSettings.SampleProvinces(builder.Configuration));
        var interval = builder.Configuration.GetValue("Embedded:SimulateInterval", TimeSpan.FromSeconds(30));
        var afterSeeding = builder.Configuration.GetValue("Embedded:SeedSamples", defaultValue: true);
        builder.Services.AddHostedService(sp => new SimulatedEdits(inboxRoot, provinces, interval, afterSeeding, sp.GetRequiredService<ILogger<SimulatedEdits>>()));
        return builder;
    }

    /// <summary>On the first start only, writes the sample exports of every department into the adapters' inboxes.</summary>
    public static IHostApplicationBuilder SeedSampleExports(this IHostApplicationBuilder builder)
    {
        var (inboxRoot, provinces) = (EmbeddedSettings.InboxRoot(builder.Configuration), EmbeddedSettings.SampleProvinces(builder.Configuration));
        builder.Services.AddHostedService(sp => new SampleSeeder(inboxRoot, provinces, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<SampleSeeder>>()));
        return builder;
    }
}
