using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>The hub's own executable as a separate process, so a test can kill it the hard way.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;
    bool _disposed;

    HubProcess(Process process, Uri httpUrl, StreamWriter log)
    {
        _process = process;
        HttpUrl = httpUrl;
        _log = log;
    }

    public Uri HttpUrl { get; }

    /// <summary>Starts the hub on <paramref name="dataDirectory"/>; its console output goes to <paramref name="logFile"/> there.</summary>
    public static async Task<HubProcess> StartAsync(Uri amqp, string dataDirectory, string logFile = "hub.log")
    {
        var ports = FreeTcpPort.Find(3);
        var http = new Uri($"http://127.0.0.1:{ports[0]}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Executable());
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["Kestrel__Endpoints__Http__Url"] = http.ToString(),
                     ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports[1]}",
                     ["Bus__Transport"] = "RabbitMq",
                     ["Bus__RabbitMqUrl"] = amqp.ToString(),
                     ["Hub__DataDirectory"] = dataDirectory,
                     ["Hub__PushCredential"] = "crash-test",
                     // The configured national node is nowhere: pushes just retry, which is not what this test is about.
                     ["Hub__Nodes__0__Address"] = $"http://127.0.0.1:{ports[2]}",
                     ["Logging__LogLevel__Default"] = "Warning",
                     // Every change set applied or held is logged: what a failed crash run is read from.
                     ["Logging__LogLevel__ZoningHub.Hub.Intake"] = "Information",
                     ["Logging__Console__FormatterName"] = "simple",
                     ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                     ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
                 })
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(dataDirectory, logFile)) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hub = new HubProcess(process, http, log);
        await Eventually.HoldsAsync(async () => await hub.IsReadyAsync(), "the hub process reports ready", seconds: 60);
        return hub;
    }

    static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    public async Task<JsonElement> StatusAsync()
    {
        // Generous: a hub catching up on two busy cores may take seconds to answer, which is not what is tested.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetFromJsonAsync<JsonElement>(new Uri(HttpUrl, "/api/status"));
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, whatever transaction is open is cut off.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        CloseLog();
    }

    void CloseLog()
    {
        lock (_log)
        {
            _log.Flush();
        }
    }

    async Task<bool> IsReadyAsync()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            return (await http.GetAsync(new Uri(HttpUrl, "/health/ready"))).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet, or too busy starting to answer within the probe's time: not ready.
            return false;
        }
    }

    /// <summary>services/ZoningHub.Hub/bin/&lt;configuration&gt;/net10.0/ZoningHub.Hub.dll, built with the solution.</summary>
    static string Executable()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZoningHub.sln")))
            {
                return Path.Combine(dir.FullName, "services", "ZoningHub.Hub", "bin", configuration, framework, "ZoningHub.Hub.dll");
            }
        }

        throw new FileNotFoundException("ZoningHub.sln was not found above the test output; the crash test runs the hub's built executable.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
