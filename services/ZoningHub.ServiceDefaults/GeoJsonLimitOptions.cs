using System.ComponentModel.DataAnnotations;

namespace ZoningHub.ServiceDefaults;

/// <summary>Configuration section <c>Limits:GeoJson</c>: how listings share the service (see <see cref="GeoJsonReadLimit"/>).</summary>
public sealed class GeoJsonLimitOptions
{
    public const string Section = "Limits:GeoJson";

    /// <summary>Listings served at once.</summary>
    [Range(1, 1000, ErrorMessage = "Limits:GeoJson:Concurrent must be from 1 to 1000.")]
    public int Concurrent { get; set; } = 4;

    /// <summary>Listings waiting for one of those; the next is refused.</summary>
    [Range(0, 100_000, ErrorMessage = "Limits:GeoJson:Queued must be from 0 to 100000.")]
    public int Queued { get; set; } = 64;

    /// <summary>How long a listing waits in the queue before it is refused rather than left hanging.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Limits:GeoJson:QueueTimeout must be from 00:00:00.001 to 01:00:00.")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a listing may hold its place once served. A client that stops reading (a paused QGIS, a dead link) holds
    /// it through HTTP/2 flow control for as long as its connection lives; past this it is cut off and the place freed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Limits:GeoJson:ListingTimeout must be from 00:00:00.001 to 1.00:00:00.")]
    public TimeSpan ListingTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>Retry-After</c> a refused listing is given, in seconds.</summary>
    [Range(1, 3600, ErrorMessage = "Limits:GeoJson:RetryAfterSeconds must be from 1 to 3600.")]
    public int RetryAfterSeconds { get; set; } = 10;
}
