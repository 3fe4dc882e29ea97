using ZoningHub.Standalone;

var app = EmbeddedRun.Build(args);
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "ZoningHub is running (embedded): dashboard {DashboardUrl}, status {StatusUrl}; data in {DataDirectory}. Ctrl+C stops it.",
    app.Urls.FirstOrDefault() + "/", app.Urls.FirstOrDefault() + "/api/status", Path.GetFullPath("data")));
app.Run();
