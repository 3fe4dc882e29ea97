using System.Diagnostics.Metrics;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub;

/// <summary>The hub's own instruments, exported on /metrics and over OTLP.</summary>
public sealed class HubMetrics
{
    readonly Counter<long> _received;
    readonly Counter<long> _applied;
    readonly Counter<long> _rejected;
    readonly Counter<long> _unitsRevised;
    readonly Histogram<double> _derivationSeconds;

    public HubMetrics(IMeterFactory meters, NodeStore nodes, UnitLogReader log, ConflictReader conflicts)
    {
        var meter = meters.Create(ServiceDefaultsExtensions.ZoningHubSource);
        _received = meter.CreateCounter<long>("zoninghub.change_sets.received", "{change_set}", "Change sets taken off the intake queue");
        _applied = meter.CreateCounter<long>("zoninghub.change_sets.applied", "{change_set}", "Change sets applied in stream order");
        _rejected = meter.CreateCounter<long>("zoninghub.change_sets.rejected", "{change_set}", "Change sets refused whole or in part");
        _unitsRevised = meter.CreateCounter<long>("zoninghub.units.revised", "{unit}", "Unit versions appended to the log");
        // In seconds, so the SDK's default boundaries (0, 5, 10 … 10,000, meant for milliseconds) would put nearly every pass in one bucket.
        _derivationSeconds = meter.CreateHistogram("zoninghub.derivation.duration", "s", "Time to derive and commit a batch of counties", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

        // Gauges are read from the store on each collection (a Prometheus scrape, an OTLP export), never per change.
        meter.CreateObservableGauge("zoninghub.node.lag.revisions",
            () =>
            {
                var head = log.HeadRevision();
                return nodes.All().Select(node => new Measurement<long>(NodeLag.RevisionsBehind(node, head), Node(node.NodeId)));
            },
            "{revision}", "Revisions of the unit log the node has not acknowledged");
        meter.CreateObservableGauge("zoninghub.node.lag",
            () => NodeLag.All(nodes, log).Select(lag => new Measurement<double>(lag.Seconds, Node(lag.NodeId))),
            "s", "Age of the oldest unit revision in the node's scope it has not acknowledged");
        meter.CreateObservableGauge("zoninghub.conflicts.open", conflicts.OpenCount, "{conflict}", "Conflicts between departments not yet resolved");
    }

    public void ChangeSetReceived(string? department) => _received.Add(1, Department(department));

    public void ChangeSetApplied(string? department) => _applied.Add(1, Department(department));

    public void ChangeSetRejected(string? department) => _rejected.Add(1, Department(department));

    public void Derived(int unitsRevised, TimeSpan elapsed)
    {
        _unitsRevised.Add(unitsRevised);
        _derivationSeconds.Record(elapsed.TotalSeconds);
    }

    // The department a change set names is the publisher's to write: only the known ones become series, so a
    // publisher inventing names cannot make thousands of them.
    static KeyValuePair<string, object?> Department(string? department) =>
        new("department", LayerCatalog.IsKnownDepartment(department) ? department : "unknown");

    static KeyValuePair<string, object?> Node(string nodeId) => new("node", nodeId);
}
