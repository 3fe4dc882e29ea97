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
        var credential = builder.Configuration[$"{HubOptions.Section}:PushCredential"] ?? "";
        var dataDirectory = builder.Configuration["Embedded:NodeDataDirectory"] ?? "data/nodes";
        builder.Services.AddSingleton(new EmbeddedNodes(nodes, credential, dataDirectory));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedNodes>());
        return builder;
    }

    /// <summary>On the first start only, copies the bundled sample exports into the adapters' inboxes.</summary>
    public static IHostApplicationBuilder SeedSampleExports(this IHostApplicationBuilder builder)
    {
        var inboxRoot = builder.Configuration["Embedded:InboxRoot"] ?? "data/inbox";
        var marker = Path.Combine(inboxRoot, ".seeded");
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "exports");
        if (File.Exists(marker) || !Directory.Exists(samples))
        {
            return builder;
        }

        foreach (var file in Directory.EnumerateFiles(samples, "*.geojson", SearchOption.AllDirectories))
        {
            var target = Path.Combine(inboxRoot, Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: false);
        }

        File.WriteAllText(marker, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
