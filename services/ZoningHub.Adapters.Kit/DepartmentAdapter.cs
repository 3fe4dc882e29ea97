using System.Diagnostics;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit;

/// <summary>One configured department adapter: its options, its store, and the steps from an export or a request to change sets.</summary>
public sealed class DepartmentAdapter(AdapterOptions options, TimeProvider clock) : IDisposable
{
    public AdapterOptions Options { get; } = options;

    public AdapterStore Store { get; } = new(options.StateDirectory);

    public OutboxSignal Outbox { get; } = new();

    /// <summary>Closes the store's file, with the host that held the adapter.</summary>
    public void Dispose() => Store.Dispose();

    int _sourcesForgotten;

    /// <summary>Why the outbox is not draining, while publishing fails; null while it drains (or has nothing to send).</summary>
    public PublishFailure? PublishFailure { get; internal set; }

    /// <summary>
    /// Takes one export of <paramref name="layer"/>, from a file or an HTTP source, unless it is what that source
    /// delivered last; read whole before anything is published, so a malformed export is refused whole with the
    /// reason and changes nothing.
    /// </summary>
    /// <param name="source">What the adapter's state knows the source by: an inbox file's layer and name (<see cref="InboxSource"/>), or an address.</param>
    /// <param name="fileName">The file's path or name, whose extension chooses the reader.</param>
    /// <param name="waitIfCutShort">A file that reads as cut short may still be being written: it is neither taken nor refused.</param>
    public ExportOutcome TakeExport(string layer, string source, string fileName, byte[] content, bool waitIfCutShort = false)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        if (Store.IsLastFrom(source, hash))
        {
            return ExportOutcome.Seen;
        }

        // The trace of every change set this export yields starts here; the outbox keeps it until they are published.
        using var span = ZoningHubActivity.Start("adapter.export", null)
            ?.SetTag("zoninghub.stream", Options.Stream).SetTag("zoninghub.layer", layer).SetTag("zoninghub.export", source)
            // The file as read (an inbox file's path): the source names it only within its inbox.
            .SetTag("zoninghub.export.file", fileName);

        IReadOnlyList<MappedFeature> features;
        try
        {
            features = ExportReader.Read(fileName, content, Options.Layers[layer]);
        }
        catch (ExportCutShortException e) when (waitIfCutShort)
        {
            return new ExportOutcome(false, 0, 0, e.Message) { WaitsForTheRest = true };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failure the readers did not foresee must not take the adapter down (the file would stay in the
            // inbox and fail again at every start): the export is refused like any malformed one, reason kept.
            return Refused(e is ExportFormatException ? e.Message : $"could not be read ({e.GetType().Name}: {e.Message}).");
        }

        // Outside the readers' catch: the adapter's own store failing here is the adapter's failure, tried again at the
        // next poll, where it once refused a good export as one that "could not be read" and moved it out of the inbox.
        if (features.Count == 0 && !Options.AllowEmptyExports && Store.Published(layer).Count is > 0 and var published)
        {
            return Refused($"holds no features: taken, it would delete all {published} features of layer '{layer}' published "
                + "so far. An empty export is usually a failed one (an empty query, a service under maintenance); export the layer again. "
                + $"If the layer really is empty now, set Adapters:{Options.Department}:AllowEmptyExports=true while it is taken.");
        }

        // Content taken before that is a change again puts the layer back as that export left it. A restore and an old
        // export dropped again by mistake look alike, so it is taken, and the caller says so as a warning.
        var earlier = Store.TakenBefore(hash);
        var changeSets = Publish(hash, source, layer, features);
        span?.SetTag("zoninghub.change_sets", changeSets.Count);
        // Sent whole (ContinueAfter), it is the layer sent again as it is, not put back.
        var putBack = changeSets.Count > 0 && changeSets[0].Kind == ChangeSetKinds.Delta;
        return new ExportOutcome(false, features.Count, changeSets.Count, null) { GoesBackTo = putBack ? earlier : null };

        ExportOutcome Refused(string reason)
        {
            Store.RecordFailedExport(hash, source, reason);
            span?.SetStatus(ActivityStatusCode.Error, reason);
            return new ExportOutcome(false, 0, 0, reason) { Hash = hash };
        }
    }

    /// <summary>
    /// Diffs an export against what was published, numbers the change sets and queues them durably; a layer to be sent
    /// whole (<see cref="ContinueAfter"/>) goes as a snapshot of the layer instead.
    /// </summary>
    public IReadOnlyList<ChangeSetPublished> Publish(string exportHash, string source, string layer, IReadOnlyList<MappedFeature> export)
    {
        var exportedAt = clock.GetUtcNow();
        var changeSets = Store.RecordExport(exportHash, source, layer, export, (first, diff, whole) => whole
            ? SnapshotOf(first, [layer], new Dictionary<string, IReadOnlyList<FeatureChange>> { [layer] = [.. export.Select(f => f.ToChange())] },
                wholeStream: false, exportedAt)
            : [.. Parts(Changes(diff)).Select((chunk, i) => ChangeSet(first + i, layer, ChangeSetKinds.Delta, chunk, exportedAt))],
            Activity.Current.TraceParent());
        Wake(changeSets);
        return changeSets;
    }

    /// <summary>
    /// The hub has applied this stream up to <paramref name="hubLast"/>, past what this adapter's store numbered (put
    /// back from a backup, or lost): numbering goes on after it, and each layer's next export goes out whole
    /// (<see cref="AdapterStore.ContinueAfter"/>).
    /// </summary>
    /// <returns>The last number the store had given, when numbering moved; null when the store was not behind the hub.</returns>
    public long? ContinueAfter(long hubLast)
    {
        var before = Store.ContinueAfter(hubLast, Options.Layers.Keys,
            $"the hub had applied #{hubLast}, past this adapter's numbering: its store was put back from a backup or lost");
        if (before is not null)
        {
            Interlocked.Increment(ref _sourcesForgotten);
        }

        return before;
    }

    /// <summary>
    /// How often the store forgot its sources' last deliveries (<see cref="ContinueAfter"/>): a watcher that remembers
    /// which files it took reads them again when this changes, so the exports in the inbox go out whole now, not when
    /// the department next exports.
    /// </summary>
    public int SourcesForgotten => Volatile.Read(ref _sourcesForgotten);

    /// <summary>
    /// Queues a snapshot of what this adapter has published, of one layer or of every layer, as one
    /// <see cref="SnapshotSeries"/>; a whole-stream series is what the hub can apply over a gap.
    /// </summary>
    public IReadOnlyList<ChangeSetPublished> Snapshot(string? layer)
    {
        var layers = string.IsNullOrEmpty(layer) ? Options.Layers.Keys.Order(StringComparer.Ordinal).ToList() : [layer];
        var exportedAt = clock.GetUtcNow();
        // Inside the hub's request, when it asked for the snapshot: the snapshot continues that trace.
        using var span = ZoningHubActivity.Start("adapter.snapshot", null)
            ?.SetTag("zoninghub.stream", Options.Stream).SetTag("zoninghub.layer", layer);
        var changeSets = Store.RecordSnapshot(layers, (first, published) => SnapshotOf(first, layers, published, string.IsNullOrEmpty(layer), exportedAt),
            span.TraceParent());
        Wake(changeSets);
        return changeSets;
    }

    /// <summary>The features of <paramref name="layers"/> as one <see cref="SnapshotSeries"/> numbered from <paramref name="first"/>.</summary>
    List<ChangeSetPublished> SnapshotOf(long first, IReadOnlyList<string> layers, IReadOnlyDictionary<string, IReadOnlyList<FeatureChange>> features,
        bool wholeStream, DateTimeOffset exportedAt)
    {
        // An empty layer still gets its (empty) snapshot: it says "nothing here any more".
        var parts = layers.SelectMany(l => features[l].Count == 0
                ? [(Layer: l, Features: Array.Empty<FeatureChange>())]
                : Parts(features[l]).Select(chunk => (Layer: l, Features: chunk)))
            .ToList();
        var series = new SnapshotSeries { First = first, Last = first + parts.Count - 1, WholeStream = wholeStream };
        return [.. parts.Select((p, i) => ChangeSet(first + i, p.Layer, ChangeSetKinds.Snapshot, p.Features, exportedAt) with { Series = series })];
    }

    static List<FeatureChange> Changes(ExportDiff diff) =>
        [.. diff.Upserts.Select(f => f.ToChange()), .. diff.Deletes.Select(id => new FeatureChange { Id = id, Operation = FeatureOperations.Delete })];

    IEnumerable<IReadOnlyList<FeatureChange>> Parts(IEnumerable<FeatureChange> changes) =>
        ChangeSetParts.Split(changes, Options.MaxFeaturesPerChangeSet, Options.MaxGeometryBytesPerChangeSet);

    ChangeSetPublished ChangeSet(long sequence, string layer, string kind, IReadOnlyList<FeatureChange> features, DateTimeOffset exportedAt) => new()
    {
        Stream = Options.Stream, Sequence = sequence, Department = Options.Department, Layer = layer,
        Kind = kind, ExportedAt = exportedAt, Features = features,
    };

    void Wake(IReadOnlyList<ChangeSetPublished> changeSets)
    {
        if (changeSets.Count > 0)
        {
            Outbox.Wake();
        }
    }
}
