using System.Globalization;
using System.Text;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>One-map redline exports in the department's native schema (HXBH, HXMC, XZQDM), each a full copy of the layer.</summary>
static class RedlineExports
{
    /// <summary>Version <paramref name="version"/> of a layer of <paramref name="count"/> redlines west of Hangzhou; each version moves them a little.</summary>
    public static byte[] Version(int version, int count = 4)
    {
        var features = Enumerable.Range(1, count).Select(i =>
        {
            var west = 119.5 + i * 0.1 + version * 0.001;
            return string.Create(CultureInfo.InvariantCulture, $$$"""
                {"type":"Feature","properties":{"HXBH":"HX330127-{{{i:D3}}}","HXMC":"生态保护红线{{{i}}}","XZQDM":"330127"},
                 "geometry":{"type":"Polygon","coordinates":[[[{{{west}}},29.6],[{{{west + 0.05}}},29.6],[{{{west + 0.05}}},29.65],[{{{west}}},29.65],[{{{west}}},29.6]]]}}
                """);
        });
        return Encoding.UTF8.GetBytes($$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
    }

    /// <summary>The redline ids every version holds.</summary>
    public static IEnumerable<string> Ids(int count = 4) => Enumerable.Range(1, count).Select(i => $"HX330127-{i:D3}");
}
