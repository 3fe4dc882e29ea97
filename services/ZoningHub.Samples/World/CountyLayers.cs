using NetTopologySuite.Geometries;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.Source;
// The class has a member named Layers: the hub's layer ids go by another name here.
using LayerId = ZoningHub.Hub.Core.Layers;

namespace ZoningHub.Samples.World;

/// <summary>
/// One county's features while they are drawn. Departments draw in order (one map, water, forestry, EIA) and each
/// looks at what the earlier ones drew, the way real layers are planned around the redline.
/// </summary>
sealed class CountyLayers(County county)
{
    public County County { get; } = county;

    /// <summary>Counties under 200 km² are city districts: little redline, much town.</summary>
    public bool IsUrbanDistrict => County.AreaSquareMetres < 200e6;

    public Dictionary<string, List<SampleFeature>> Layers { get; } = LayerId.All.ToDictionary(l => l, _ => new List<SampleFeature>(), StringComparer.Ordinal);

    public Pieces Redlines => Of(LayerId.Redline);

    public Pieces Urban => Of(LayerId.UrbanDevelopmentBoundary);

    public Pieces Grade1 => new(this[LayerId.DrinkingWater].Where(f => f.Properties["grade"] == "一级").Select(f => f.Geometry));

    /// <summary>Pieces smaller than this (0.2 % of the county) are crumbs of an overlay, not features.</summary>
    public double MinPiece => County.Geometry.Area * 0.002;

    public List<SampleFeature> this[string layer] => Layers[layer];

    public Pieces Of(string layer) => new(this[layer].Select(f => f.Geometry));

    /// <summary>The county's features as they stand in <paramref name="world"/>, for a later stage to draw on.</summary>
    public static CountyLayers Of(SampleWorld world, County county)
    {
        var layers = new CountyLayers(county);
        foreach (var (layer, features) in world.Layers)
        {
            layers[layer].AddRange(features.Where(f => f.County == county.Code && !world.IsDefect(f)).OrderBy(f => f.Id, StringComparer.Ordinal));
        }

        return layers;
    }

    public SampleFeature Add(string layer, string id, Geometry geometry, params (string Property, string? Value)[] properties)
    {
        var feature = new SampleFeature(id, County.Code, geometry, properties.ToDictionary(p => p.Property, p => p.Value, StringComparer.Ordinal));
        Layers[layer].Add(feature);
        return feature;
    }
}
