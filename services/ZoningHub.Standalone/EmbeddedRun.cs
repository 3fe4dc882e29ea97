using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Standalone;

/// <summary>
/// The embedded run: four adapters, the hub and the nodes in one process, on the in-memory bus. Built here
/// rather than in Program.cs so the dashboard's browser test runs exactly what the README's command runs.
/// </summary>
public static class EmbeddedRun
{
    /// <param name="configure">Replaces or adds configuration before anything reads it (the browser test's ports and folders).</param>
    public static WebApplication Build(string[] args, Action<ConfigurationManager>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder.Configuration);
        // Kestrel binds its endpoints as they are at start, which the refusal below judged: by default it binds them again
        // when a settings file changes, and an edit while the run ran had it listen anywhere, published credentials and all.
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false));
        if (PublishedCredentials.Problem(builder.Configuration) is { } problem)
        {
            throw new StartRefusedException(problem);
        }

        builder.AddServiceDefaults();
        if (builder.Configuration.GetValue("Embedded:SeedSamples", defaultValue: true))
        {
            builder.SeedSampleExports();
        }

        if (builder.Configuration.GetValue("Embedded:Simulate", defaultValue: false))
        {
            builder.SimulateLaterEdits();
        }

        builder.AddEmbeddedNodes();
        builder.AddHub();
        foreach (var department in NativeSchemas.All.Values)
        {
            builder.AddDepartmentAdapter(department);
        }

        builder.AddZoningHubBus(Topology.Prefix, bus => bus.AddHubConsumers(), bus => bus.AddAdapterRequests());

        var app = builder.Build();
        app.MapHub();
        app.MapAdapterStatus();
        app.MapDefaultEndpoints();
        return app;
    }
}
