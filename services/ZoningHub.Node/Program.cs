using ZoningHub.Node;
using ZoningHub.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddNode();

var app = builder.Build();
app.MapNode();
app.MapDefaultEndpoints();
app.Run();
