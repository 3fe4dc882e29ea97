using ZoningHub.Samples.Generators;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.Source;
using ZoningHub.Samples.Stages;
// The class has a member named Layers: the hub's layer ids go by another name here.
using LayerId = ZoningHub.Hub.Core.Layers;

namespace ZoningHub.Samples.World;

/// <summary>Every layer of every department for some provinces, as it stands after a stage's edits.</summary>
sealed class SampleWorld
{
    public required int Seed { get; init; }

    public required IReadOnlyList<County> Counties { get; init; }

    public Dictionary<string, List<SampleFeature>> Layers { get; } = LayerId.All.ToDictionary(l => l, _ => new List<SampleFeature>(), StringComparer.Ordinal);

    public List<SampleDefect> Defects { get; } = [];

    public List<SampleEdit> Edits { get; } = [];

    public SampleRandom Random(string key) => new(Seed, key);

    /// <summary>Defects are left out of later edits: a stage edits real features, not the planted faults.</summary>
    public bool IsDefect(SampleFeature feature) => Defects.Any(d => d.FeatureId == feature.Id);

    /// <summary>Replaces a feature by reference: records compare by value, and two patches may look alike.</summary>
    public void Replace(string layer, SampleFeature old, SampleFeature updated)
    {
        var features = Layers[layer];
        features[features.FindIndex(f => ReferenceEquals(f, old))] = updated;
    }

    public void Remove(string layer, SampleFeature feature) => Layers[layer].RemoveAll(f => ReferenceEquals(f, feature));

    public static SampleWorld Build(int seed, IReadOnlyList<County> counties, int stage)
    {
        var world = new SampleWorld { Seed = seed, Counties = counties };
        foreach (var county in counties)
        {
            // Each county and layer draws from its own random stream (see SampleRandom).
            var layers = new CountyLayers(county);
            OneMapGenerator.Generate(layers, key => world.Random($"{county.Code}/{key}"));
            WaterGenerator.Generate(layers, world.Random($"{county.Code}/{LayerId.DrinkingWater}"));
            ForestryGenerator.Generate(layers, key => world.Random($"{county.Code}/{key}"));
            EiaGenerator.Generate(layers, key => world.Random($"{county.Code}/{key}"));
            foreach (var (layer, features) in layers.Layers)
            {
                world.Layers[layer].AddRange(features);
            }
        }

        DefectPlanter.Plant(world);
        world.SortById();
        for (var s = 1; s <= stage; s++)
        {
            world.Advance(s);
        }

        return world;
    }

    /// <summary>Applies one stage's edits. Edits pick features by rule and id, never by list position, so the order they find the lists in does not matter.</summary>
    public void Advance(int stage)
    {
        StageEdits.Apply(this, stage);
        SortById();
    }

    void SortById()
    {
        foreach (var features in Layers.Values)
        {
            features.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        }
    }
}
