using System.Reflection;
using System.Text.Json;
using ZoningHub.Hub.Core.Conflicts;

namespace ZoningHub.Samples.Tests;

[Collection(Samples.Name)]
public sealed class When_reading_the_manifest(SampleRun run)
{
    [Fact]
    public void Should_count_and_hash_every_file_as_written()
    {
        foreach (var file in run.Manifests.SelectMany(m => m.Files))
        {
            var path = Path.Combine(run.Root, file.Path);
            var features = file.Format == "shapefile-zip" ? Exports.ReadShapefile(path).Count : Exports.ReadGeoJson(path).Count;
            Assert.Equal(file.Features, features);
            // Against the file as it lies on disk, not the bytes the writer meant to write.
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
        }
    }

    [Fact]
    public void Should_name_conflicts_with_the_hubs_rule_ids_and_hold_every_rule()
    {
        var rules = typeof(ConflictRules).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();

        Assert.Equal(rules, run.Manifests[0].Conflicts.Select(c => c.Rule).ToHashSet());
    }

    [Fact]
    public void Should_write_the_manifest_beside_the_exports()
    {
        using var written = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Root, "manifest-s02.json")));

        Assert.Equal(2, written.RootElement.GetProperty("stage").GetInt32());
        Assert.Equal(run.Manifests[2].Files.Count, written.RootElement.GetProperty("files").GetArrayLength());
        Assert.Equal(run.Manifests[2].Edits.Count, written.RootElement.GetProperty("edits").GetArrayLength());
    }
}
