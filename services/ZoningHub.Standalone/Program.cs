using ZoningHub.Standalone;

var app = EmbeddedRun.Build(args);
app.Lifetime.ApplicationStarted.Register(() =>
{
    // The HTTP endpoint by name: the listening addresses come in no set order, and the other one speaks only gRPC.
    var http = (app.Configuration["Kestrel:Endpoints:Http:Url"] ?? app.Urls.First()).TrimEnd('/');
    app.Logger.LogInformation("ZoningHub is running (embedded): dashboard {DashboardUrl}, status {StatusUrl}; data in {DataDirectory}. Ctrl+C stops it.",
        http + "/", http + "/api/status", Path.GetFullPath("data"));
});
app.Run();
