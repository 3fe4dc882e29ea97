using System.Diagnostics.Metrics;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit;

/// <summary>The adapters' instruments, one set for every department the process hosts, exported on /metrics and over OTLP.</summary>
public sealed class AdapterMetrics
{
    readonly Counter<long> _published;

    public AdapterMetrics(IMeterFactory meters, AdapterRegistry adapters)
    {
        var meter = meters.Create(ServiceDefaultsExtensions.ZoningHubSource);
        _published = meter.CreateCounter<long>("zoninghub.adapter.change_sets.published", "{change_set}",
            "Change sets the broker confirmed, per stream");
        // Read from the outbox on each collection (a Prometheus scrape, an OTLP export), not on every change.
        meter.CreateObservableGauge("zoninghub.adapter.outbox.depth",
            () => adapters.All.Select(a => new Measurement<long>(a.Store.Depth(), Stream(a.Options.Stream))),
            "{change_set}", "Change sets waiting in the outbox for the broker, per stream");
    }

    public void Published(string stream) => _published.Add(1, Stream(stream));

    static KeyValuePair<string, object?> Stream(string stream) => new("stream", stream);
}
