using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit;

/// <summary>One configured department adapter: its options, its store and the step from an export to change sets.</summary>
public sealed class AdapterRuntime(AdapterOptions options, TimeProvider clock)
{
    public AdapterOptions Options { get; } = options;

    public AdapterStore Store { get; } = new(options.StateDirectory);

    public OutboxSignal Outbox { get; } = new();

    /// <summary>Diffs an export against what was published, numbers the change sets and queues them durably.</summary>
    public IReadOnlyList<ChangeSetPublished> Publish(string exportHash, string path, string layer, IReadOnlyList<MappedFeature> export)
    {
        var diff = ExportDiff.Between(Store.Published(layer), export);
        var changeSets = Store.RecordExport(exportHash, path, layer, diff, first => Number(first, layer, diff));
        if (changeSets.Count > 0)
        {
            Outbox.Wake();
        }

        return changeSets;
    }

    List<ChangeSetPublished> Number(long first, string layer, ExportDiff diff)
    {
        var changes = diff.Upserts.Select(f => new FeatureChange
            {
                Id = f.Id, Operation = FeatureOperations.Upsert, SourceVersion = f.Version, Properties = f.Properties, Geometry = f.Geometry,
            })
            .Concat(diff.Deletes.Select(id => new FeatureChange { Id = id, Operation = FeatureOperations.Delete }));
        var exportedAt = clock.GetUtcNow();
        return changes.Chunk(Options.MaxFeaturesPerChangeSet)
            .Select((chunk, i) => new ChangeSetPublished
            {
                Stream = Options.Stream, Sequence = first + i, Department = Options.Department, Layer = layer,
                Kind = ChangeSetKinds.Delta, ExportedAt = exportedAt, Features = chunk,
            })
            .ToList();
    }
}
