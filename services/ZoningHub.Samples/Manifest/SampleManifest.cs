namespace ZoningHub.Samples;

/// <summary>What one <see cref="SampleExports.Write"/> produced; also written as <c>manifest-sNN.json</c> beside the exports.</summary>
/// <param name="Files">The exports written, one per layer, in layer order.</param>
/// <param name="Defects">Deliberately broken features in the files of this stage, for intake to refuse or repair.</param>
/// <param name="Conflicts">Conflicts between departments (DESIGN §4) that the state after this stage holds by design.</param>
/// <param name="Edits">What this stage changed since the previous one (none at stage 0).</param>
public sealed record SampleManifest(
    int Seed,
    int Stage,
    IReadOnlyList<string> Provinces,
    int Counties,
    IReadOnlyList<SampleFile> Files,
    IReadOnlyList<SampleDefect> Defects,
    IReadOnlyList<SampleConflict> Conflicts,
    IReadOnlyList<SampleEdit> Edits)
{
    /// <summary>Features per layer in this stage's files.</summary>
    public IReadOnlyDictionary<string, int> FeaturesPerLayer => Files.ToDictionary(f => f.Layer, f => f.Features, StringComparer.Ordinal);
}
