using System.Net;
using System.Net.Sockets;
using System.Reflection;
using ZoningHub.Standalone;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 15): the README says an address already taken "(another program, or a ZoningHub already running)
/// stops it with the setting to change". <see cref="When_an_address_of_the_embedded_run_is_taken"/> checks
/// <see cref="EmbeddedRun.StartProblem"/> after <c>app.StartAsync()</c>, but the command runs Program.cs, whose
/// <c>app.Run()</c> disposes the host before the catch filter reads <c>app.Configuration</c>. Seen by hand with port
/// 18580 taken: "Unhandled exception. System.IO.IOException: Failed to bind to address http://127.0.0.1:18580: address
/// already in use." with a stack trace, and the process aborted (exit 134), naming no setting.
/// </summary>
[Collection(SettingsFileWriters.Name)]
public sealed class When_the_embedded_runs_command_finds_its_address_taken
{
    [Fact]
    public void Should_exit_saying_which_setting_to_change_rather_than_crash()
    {
        using var data = new TemporaryDirectory("zoninghub-taken-cmd-");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var settings = EmbeddedSystem.Settings(data.Path, FreeTcpPort.Find(8));
        settings["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{port}";
        // The run's own appsettings.json, given on the command line: the test's output folder holds another service's.
        settings["Kestrel:Endpoints:Http:Protocols"] = "Http1";
        settings["Kestrel:Endpoints:Grpc:Protocols"] = "Http2";
        settings["Bus:Transport"] = "InMemory";
        settings["Hub:PushCredential"] = "embedded-hub-credential";
        settings["Hub:OperatorCredential"] = "embedded-operator";
        string[] ids = ["national", "zhejiang", "anhui"], scopes = ["national", "33", "34"];
        for (var i = 0; i < 3; i++)
        {
            settings[$"Embedded:Nodes:{i}:Id"] = ids[i];
            settings[$"Embedded:Nodes:{i}:Scope"] = scopes[i];
        }

        string[] args = [.. settings.Select(s => $"--{s.Key}={s.Value}")];
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        object? exitCode;
        Exception? crash = null;
        try
        {
            // Program.cs itself, as `dotnet run --project services/ZoningHub.Standalone -- …` runs it.
            exitCode = typeof(EmbeddedRun).Assembly.EntryPoint!.Invoke(null, [args]);
        }
        catch (TargetInvocationException e)
        {
            (exitCode, crash) = (null, e.InnerException);
        }
        finally
        {
            Console.SetError(console);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        Assert.True(crash is null, $"the command crashed with an unhandled {crash?.GetType().Name}: {crash?.Message}");
        Assert.Equal(2, exitCode);
        Assert.Contains("set Kestrel:Endpoints:Http:Url to a free port", error.ToString(), StringComparison.Ordinal);
    }
}
