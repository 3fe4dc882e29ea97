using System.Diagnostics.Metrics;
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

    public HubMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryExtensions.ZoningHubSource);
        _received = meter.CreateCounter<long>("zoninghub.change_sets.received", "{change_set}", "Change sets taken off the intake queue");
        _applied = meter.CreateCounter<long>("zoninghub.change_sets.applied", "{change_set}", "Change sets applied in stream order");
        _rejected = meter.CreateCounter<long>("zoninghub.change_sets.rejected", "{change_set}", "Change sets refused whole or in part");
        _unitsRevised = meter.CreateCounter<long>("zoninghub.units.revised", "{unit}", "Unit versions appended to the log");
        _derivationSeconds = meter.CreateHistogram<double>("zoninghub.derivation.duration", "s", "Time to derive and commit a batch of counties");
    }

    public void ChangeSetReceived(string department) => _received.Add(1, Tag(department));

    public void ChangeSetApplied(string department) => _applied.Add(1, Tag(department));

    public void ChangeSetRejected(string department) => _rejected.Add(1, Tag(department));

    public void Derived(int unitsRevised, TimeSpan elapsed)
    {
        _unitsRevised.Add(unitsRevised);
        _derivationSeconds.Record(elapsed.TotalSeconds);
    }

    static KeyValuePair<string, object?> Tag(string department) => new("department", department);
}
