using ZoningHub.Standalone;

WebApplication app;
try
{
    app = EmbeddedRun.Build(args);
}
catch (StartRefusedException e)
{
    // What to change, without a stack trace around it: the refusal is the operator's to act on, not a defect.
    Console.Error.WriteLine($"ZoningHub did not start. {e.Message}");
    return 2;
}

// Read before Run: a start that fails has the host disposed by the time the catch below asks what to tell the operator.
var configuration = app.Configuration;
app.Lifetime.ApplicationStarted.Register(() =>
{
    // The HTTP endpoint by name: the listening addresses come in no set order, and the other one speaks only gRPC.
    var http = (configuration["Kestrel:Endpoints:Http:Url"] ?? app.Urls.First()).TrimEnd('/');
    app.Logger.LogInformation("ZoningHub is running (embedded): dashboard {DashboardUrl}, status {StatusUrl}; hub store in {HubDirectory}, inboxes in {InboxRoot}. Ctrl+C stops it.",
        http + "/", http + "/api/status", Path.GetFullPath(configuration["Hub:DataDirectory"] ?? "data/hub"), Path.GetFullPath(EmbeddedSettings.InboxRoot(configuration)));
});
try
{
    app.Run();
}
catch (Exception e) when (EmbeddedRun.StartProblem(e, configuration) is { } problem)
{
    Console.Error.WriteLine($"ZoningHub did not start. {problem}");
    return 2;
}

// 2 when the run stopped itself over a setting to change (SampleSeeder), as a refused start is.
return Environment.ExitCode;
