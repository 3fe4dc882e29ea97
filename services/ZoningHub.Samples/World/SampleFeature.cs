using NetTopologySuite.Geometries;

namespace ZoningHub.Samples.World;

/// <summary>
/// One feature of a layer in longitude/latitude. <paramref name="Properties"/> are keyed by contract property name
/// (<c>name</c>, <c>grade</c>…) and hold the department's own values (<c>一级</c>); writers turn the keys into the
/// department's field names, so the native schema is written down once, in the adapter kit. <paramref name="County"/>
/// is the county it was drawn in, for later edits; it is not exported.
/// </summary>
sealed record SampleFeature(string Id, string County, Geometry Geometry, IReadOnlyDictionary<string, string?> Properties)
{
    public SampleFeature With(string property, string? value) =>
        this with { Properties = new Dictionary<string, string?>(Properties, StringComparer.Ordinal) { [property] = value } };
}
