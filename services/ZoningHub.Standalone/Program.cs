using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.OneMap;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.ServiceDefaults;
using ZoningHub.Standalone;

// Settings come from beside the executable, data goes to the working directory's data/ folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();
builder.SeedSampleExports();
builder.AddEmbeddedNodes();
builder.AddHub();
builder.AddOneMapAdapter();
builder.AddZoningHubBus(Topology.Prefix, bus => bus.AddHubConsumers(), bus => bus.AddAdapterConsumers(OneMapAdapter.Department));

var app = builder.Build();
app.MapHub();
app.MapDefaultEndpoints();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "ZoningHub is running (embedded): dashboard {DashboardUrl}, status {StatusUrl}, units {UnitsUrl}; data in {DataDirectory}. Ctrl+C stops it.",
    "http://127.0.0.1:5080/", "http://127.0.0.1:5080/api/status", "http://127.0.0.1:5080/api/units", Path.GetFullPath("data")));
app.Run();
