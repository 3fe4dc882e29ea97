namespace ZoningHub.Samples.Tests;

[Collection(Samples.Name)]
public sealed class When_the_same_options_are_written_twice(SampleRun run) : IDisposable
{
    readonly string _other = Directory.CreateTempSubdirectory("zoninghub-samples-").FullName;

    public void Dispose() => Directory.Delete(_other, recursive: true);

    /// <summary>The fixture wrote every stage from one world (WriteAllStages); here one stage is built on its own.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Should_write_byte_identical_files(int stage)
    {
        var again = SampleExports.Write(_other, new SampleOptions { Stage = stage });

        Assert.Equal(run.Manifests[stage].Files, again.Files);
        foreach (var file in again.Files.Select(f => f.Path).Append($"manifest-s{stage:D2}.json"))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(run.Root, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_other, file))), file);
        }
    }

    [Fact]
    public void Should_write_other_layers_from_another_seed_over_the_same_counties()
    {
        var other = SampleExports.Write(_other, new SampleOptions { Seed = SampleOptions.DefaultSeed + 1 });

        var before = run.Manifests[0].Files.ToDictionary(f => f.Layer, f => f.Sha256);
        var after = other.Files.ToDictionary(f => f.Layer, f => f.Sha256);
        Assert.Equal(before["admin-division"], after["admin-division"]);
        Assert.All(after.Where(f => f.Key != "admin-division"), f => Assert.NotEqual(before[f.Key], f.Value));
    }
}
