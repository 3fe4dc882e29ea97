using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Review of the distributed deployment: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (docker-compose.yml sets it for every
/// service) each service sends its traces and logs to the collector. Nothing names the service in them: ServiceDefaults
/// configures no resource and docker-compose.yml sets no <c>OTEL_SERVICE_NAME</c>, so OpenTelemetry's default,
/// <c>unknown_service:&lt;process name&gt;</c>, is every service's name: <c>unknown_service:dotnet</c> when started as
/// run-distributed.sh does, <c>unknown_service:service</c> in the images (started through the link <c>/app/service</c>).
/// In the collector the hub's spans and logs cannot be told from an adapter's or a node's.
/// </summary>
public sealed class When_the_deployments_services_send_their_traces_and_logs_to_the_collector
{
    [Fact]
    public async Task Should_name_each_service_in_what_it_sends()
    {
        using var root = new TemporaryDirectory("zoninghub-telemetry-");
        var ports = FreeTcpPort.Find(5);
        var (hubCollector, adapterCollector) = (ports[0], ports[1]);
        var received = new ConcurrentDictionary<int, byte[]>();
        await using var collector = await StartCollectorAsync(received, hubCollector, adapterCollector);

        // Each service started as run-distributed.sh starts it (dotnet <project>.dll), with the environment docker-compose.yml
        // gives it, the in-memory bus standing in for the broker (nothing here is about the broker).
        using var hub = Start("ZoningHub.Hub", new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{hubCollector}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{ports[2]}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports[3]}",
            ["Bus__Transport"] = "InMemory",
            ["Hub__DataDirectory"] = Path.Combine(root.Path, "hub"),
            ["Hub__Nodes__0__Credential"] = "telemetry-spec",
        });
        using var adapter = Start("ZoningHub.Adapters.OneMap", new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{adapterCollector}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{ports[4]}",
            ["Bus__Transport"] = "InMemory",
            ["Adapters__natural-resources__InboxDirectory"] = Path.Combine(root.Path, "inbox"),
            ["Adapters__natural-resources__StateDirectory"] = Path.Combine(root.Path, "adapter"),
        });

        // Their start-up logs go out within the exporters' 5 s batching.
        await Eventually.HoldsAsync(() => received.ContainsKey(hubCollector) && received.ContainsKey(adapterCollector),
            () => $"both services export to the collector (received from: {string.Join(", ", received.Keys)})", seconds: 60);

        var (hubName, adapterName) = (ServiceName(received[hubCollector]), ServiceName(received[adapterCollector]));
        Assert.False(hubName == adapterName,
            $"the hub and the one-map adapter both send service.name '{hubName}': the collector cannot tell them apart");
    }

    /// <summary>An OTLP/gRPC receiver that keeps the latest export per port it was received on and answers each as accepted.</summary>
    static async Task<WebApplication> StartCollectorAsync(ConcurrentDictionary<int, byte[]> received, params int[] ports)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received[context.Connection.LocalPort] = body.ToArray();
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>The resource's <c>service.name</c> in an OTLP export (a protobuf <c>KeyValue</c> holding a string <c>AnyValue</c>).</summary>
    static string ServiceName(byte[] export)
    {
        var key = Encoding.UTF8.GetBytes("service.name");
        var at = export.AsSpan().IndexOf(key);
        Assert.True(at >= 0, "the export carries a service.name");
        var value = at + key.Length;
        // 0x12 <length> (the AnyValue), 0x0A <length> (its string_value), then the name; names here are under 128 bytes.
        Assert.True(export[value] == 0x12 && export[value + 2] == 0x0A, "service.name holds a string");
        return Encoding.UTF8.GetString(export, value + 4, export[value + 3]);
    }

    static RunningService Start(string project, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Executable(project));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningService(process);
    }

    /// <summary>services/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;project&gt;.dll, built with the solution.</summary>
    static string Executable(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        return Path.Combine(DeploymentBroker.RepositoryRoot(), "services", project, "bin", output.Parent!.Name, output.Name, project + ".dll");
    }

    sealed class RunningService(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
