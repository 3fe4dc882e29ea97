using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.OneMap;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddOneMapAdapter();
builder.AddZoningHubBus(Topology.AdapterPrefix(OneMapAdapter.Department), bus => bus.AddAdapterConsumers(OneMapAdapter.Department));

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
