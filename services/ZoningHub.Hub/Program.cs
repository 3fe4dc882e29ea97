using ZoningHub.Hub;
using ZoningHub.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHub();
builder.AddZoningHubBus("hub", bus => bus.AddHubConsumers());

var app = builder.Build();
app.MapHub();
app.MapDefaultEndpoints();
app.Run();
