using System.ComponentModel.DataAnnotations;

namespace ZoningHub.Adapters.Kit;

/// <summary>
/// A department system that serves a layer over HTTP as GeoJSON feature collections, paged by <c>next</c> links
/// (OGC API Features style). Each poll reads every page; the pages together are one export of the layer.
/// </summary>
public sealed class HttpSourceOptions
{
    [Required]
    public string Layer { get; set; } = "";

    /// <summary>The first page, e.g. <c>https://onemap.example.gov.cn/collections/redline/items?limit=500</c>.</summary>
    [Required]
    public Uri? Url { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A guard against a server whose <c>next</c> links never end.</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 10_000;
}
