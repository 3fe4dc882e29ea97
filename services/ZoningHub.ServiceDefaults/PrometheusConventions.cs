using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Views that make the instruments of .NET and MassTransit fit Prometheus's conventions, which <c>promtool check metrics</c>
/// enforces: names in base units, and <c>_count</c> only on histograms and summaries. Neither library has an option for it.
/// They also drop what costs more to record than it tells an operator.
/// </summary>
static class PrometheusConventions
{
    // .NET's semantic-convention names for three gauges; exported under these so they do not read as a histogram's count.
    static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers.active",
    };

    public static MetricStreamConfiguration? Fit(Instrument instrument) => instrument switch
    {
        // MassTransit times in milliseconds and a view cannot rescale; the traces time every message instead.
        { Meter.Name: "MassTransit", Unit: "ms" } => MetricStreamConfiguration.Drop,
        // Kestrel counts every 4 KiB block it rents and returns (AddAspNetCoreInstrumentation takes its meter): a node
        // receiving a 25 MB snapshot spent about 7 ms of it recording them, and the counts tell an operator nothing.
        { Meter.Name: "Microsoft.AspNetCore.MemoryPool" } => MetricStreamConfiguration.Drop,
        _ when Renamed.TryGetValue(instrument.Name, out var name) && instrument.Meter.Name == "System.Runtime" => new() { Name = name },
        _ => null,
    };
}
