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
        // As the refusal below judged them.
        builder.WebHost.BindAtStart();
        if ((PublishedCredentials.Problem(builder.Configuration) ?? EmbeddedSettings.Problem(builder.Configuration)) is { } problem)
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
        // The adapters watch the inboxes under Embedded:InboxRoot, where the samples and simulated edits are written,
        // unless an adapter is given its own.
        var inboxRoot = EmbeddedSettings.InboxRoot(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(NativeSchemas.All.Keys
            .Where(department => builder.Configuration[$"{AdapterExtensions.Section(department)}:InboxDirectory"] is null)
            .ToDictionary(department => $"{AdapterExtensions.Section(department)}:InboxDirectory", department => (string?)Path.Combine(inboxRoot, department)));
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

    /// <summary>
    /// What to tell the operator when the run could not start for a reason of theirs to fix: an address it is told to
    /// listen on is taken (another program, or a ZoningHub already running), named with the setting that gives it. Null
    /// for anything else, which is a defect to show with its stack trace.
    /// </summary>
    public static string? StartProblem(Exception e, IConfiguration configuration)
    {
        if (e is not IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException })
        {
            return null;
        }

        var settings = PublishedCredentials.ListeningAddresses(configuration)
            // Kestrel's message names the address followed by a colon ("…address http://127.0.0.1:5080: address already in use"),
            // which tells port 5080 from 50801.
            .Where(a => e.Message.Contains(a.Url.TrimEnd('/') + ":", StringComparison.OrdinalIgnoreCase)).Select(a => a.Setting).ToList();
        return $"{e.Message} Another program, or a ZoningHub already running, listens there: stop it, or set "
            + (settings.Count > 0 ? string.Join(" and ", settings) : "the run's addresses (Kestrel:Endpoints:Http:Url, Kestrel:Endpoints:Grpc:Url, Embedded:Nodes:N:HttpUrl and GrpcUrl)")
            + " to a free port (e.g. --Kestrel:Endpoints:Http:Url=http://127.0.0.1:5180).";
    }
}
