namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>What changed between the features last published and a new full export of the layer.</summary>
public sealed record ExportDiff(IReadOnlyList<MappedFeature> Upserts, IReadOnlyList<string> Deletes)
{
    public bool IsEmpty => Upserts.Count == 0 && Deletes.Count == 0;

    /// <param name="published">Feature id → content hash as last published.</param>
    public static ExportDiff Between(IReadOnlyDictionary<string, string> published, IReadOnlyList<MappedFeature> export)
    {
        var upserts = export.Where(f => !published.TryGetValue(f.Id, out var hash) || hash != f.Hash).ToList();
        var present = export.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var deletes = published.Keys.Where(id => !present.Contains(id)).Order(StringComparer.Ordinal).ToList();
        return new ExportDiff(upserts, deletes);
    }
}
