using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.ServiceDefaults;
using ZoningHub.Standalone;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.SeedSampleExports();
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
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "ZoningHub is running (embedded): dashboard {DashboardUrl}, status {StatusUrl}, units {UnitsUrl}; data in {DataDirectory}. Ctrl+C stops it.",
    "http://127.0.0.1:5080/", "http://127.0.0.1:5080/api/status", "http://127.0.0.1:5080/api/units", Path.GetFullPath("data")));
app.Run();
