namespace ZoningHub.Samples.Tests;

/// <summary>Every stage written once into one folder, for all the specs that only read (generation takes seconds).</summary>
public sealed class SampleRun : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("zoninghub-samples-").FullName;

    public IReadOnlyList<SampleManifest> Manifests { get; }

    public SampleRun() => Manifests = SampleExports.WriteAllStages(Root, new SampleOptions());

    public string PathOf(int stage, string layer) => Path.Combine(Root, Manifests[stage].Files.Single(f => f.Layer == layer).Path);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class Samples : ICollectionFixture<SampleRun>
{
    public const string Name = "samples";
}
