using System.Globalization;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>Pages of the one-map's ecological redlines as an OGC API Features service serves them: redline <c>i</c> is <c>HX-i</c>.</summary>
static class RedlinePages
{
    public const string Layer = "ecological-redline";

    /// <param name="matched">The service's <c>numberMatched</c>: how many features the whole query matches; absent when null.</param>
    public static string Page(IEnumerable<int> redlines, string? next, int? matched = null)
    {
        var features = redlines.Select(i => string.Create(CultureInfo.InvariantCulture, $$$"""
            {"type":"Feature","properties":{"HXBH":"HX-{{{i}}}","HXMC":"红线{{{i}}}","XZQDM":"330127"},
             "geometry":{"type":"Polygon","coordinates":[[[{{{119 + i * 0.1}}},29.6],[{{{119.05 + i * 0.1}}},29.6],[{{{119.05 + i * 0.1}}},29.65],[{{{119 + i * 0.1}}},29.6]]]}}
            """));
        var links = next is null ? "[]" : $$"""[{"rel":"next","href":"{{next}}","type":"application/geo+json"}]""";
        var count = matched is null ? "" : $"\"numberMatched\":{matched},";
        return $$"""{"type":"FeatureCollection",{{count}}"features":[{{string.Join(",", features)}}],"links":{{links}}}""";
    }
}
