using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddHub();
builder.AddZoningHubBus(Topology.HubPrefix, bus => bus.AddHubConsumers());

var app = builder.Build();
app.MapHub();
app.MapDefaultEndpoints();
app.Run();
