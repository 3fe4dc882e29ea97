using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.OneMap;
using ZoningHub.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOneMapAdapter();
builder.AddZoningHubBus("adapter-one-map", bus => bus.AddAdapterConsumers(OneMapAdapter.Department));

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
