using System.ComponentModel.DataAnnotations;

namespace ZoningHub.Adapters.Kit;

/// <summary>
/// A department system that serves a layer over HTTP as GeoJSON feature collections, paged by <c>next</c> links
/// (OGC API Features style). Each poll reads every page; the pages together are one export of the layer.
/// </summary>
public sealed class HttpSourceOptions : IValidatableObject
{
    [Required]
    public string Layer { get; set; } = "";

    /// <summary>The first page, e.g. <c>https://onemap.example.gov.cn/collections/redline/items?limit=500</c>; no credentials in it (see <see cref="Credentials"/>).</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>The Url without any user:password@: the only form requested, logged, recorded or shown.</summary>
    public Uri? Address => Url is null ? null : WithoutUserInfo(Url);

    /// <summary>Sent to the <see cref="Url"/>'s own scheme, host and port only, so a <c>next</c> link elsewhere learns no secret.</summary>
    public HttpSourceCredentials Credentials { get; set; } = new();

    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A guard against a server whose <c>next</c> links never end (a link back to a page already read is refused at once).</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 10_000;

    /// <summary>
    /// How often one poll reads the layer when its pages do not agree (<see cref="Exports.PagingConsistency"/>): the layer
    /// was edited while it was paged. If no read agrees, the poll is refused with the reason and the next one tries again.
    /// </summary>
    [Range(1, 10)]
    public int ReadAttempts { get; set; } = 3;

    /// <summary>The most one page may hold: a page is read as it streams in and refused once it passes this.</summary>
    [Range(1024L, 4L * 1024 * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The most all pages of one poll may hold together. The whole export is kept in memory until it is taken (so an
    /// interrupted read publishes nothing); this bounds that memory, refusing the poll with the reason instead.
    /// </summary>
    [Range(1024L, 64L * 1024 * 1024 * 1024)]
    public long MaxExportBytes { get; set; } = 512L * 1024 * 1024;

    internal static Uri WithoutUserInfo(Uri url) => url is { IsAbsoluteUri: true, UserInfo.Length: > 0 }
        ? new UriBuilder(url) { UserName = "", Password = "" }.Uri
        : url;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is { IsAbsoluteUri: true, UserInfo.Length: > 0 })
        {
            // The message leaves the Url out: it is the secret.
            yield return new ValidationResult("has credentials in it (user:password@); they would be logged and shown at /api/adapters. Remove them "
                + "and set Credentials:Username and Credentials:Password (or Credentials:BearerToken, or Credentials:HeaderName and HeaderValue) "
                + "from secret settings instead.", [nameof(Url)]);
        }

        foreach (var problem in Credentials.Problems())
        {
            yield return new ValidationResult(problem, [nameof(Credentials)]);
        }
    }
}
