using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// One page of a unit listing, in the way of OGC API - Features (which GIS clients such as QGIS follow): the request
/// asks for at most <c>limit</c> units after the code <c>after</c>, and a page that stops short of the end carries a
/// <c>next</c> link to the rest. Without <c>limit</c> the listing is whole, as it always was. Written by
/// <see cref="GeoJsonCollectionResult{T}"/>.
/// </summary>
public readonly record struct UnitPage(string? After, int? Limit)
{
    public const int MaxLimit = 10_000;

    /// <summary>
    /// The page <paramref name="request"/> asks for. Query names are matched regardless of case, as ASP.NET binds
    /// them, so <c>After=</c> is <c>after=</c>; given twice, it is refused rather than one of them picked.
    /// </summary>
    public static UnitPage Of(HttpRequest request, int? limit)
    {
        var after = request.Query[AfterName];
        return new(after.Count == 1 ? after[0] : null, limit) { AfterValues = after.Count };
    }

    const string AfterName = "after";

    int AfterValues { get; init; }

    /// <summary>Why the page asked for is not one the listing gives, or null.</summary>
    public string? Problem =>
        AfterValues > 1 ? $"after was given {AfterValues} times; give it once, as the page's 'next' link does."
        : Limit is < 1 or > MaxLimit ? $"limit must be from 1 to {MaxLimit} units a page (it was {Limit}); follow the page's 'next' link for the rest."
        : null;

    /// <summary>The rows to read: one more than the page, to know whether another page follows (-1: all, in SQLite's LIMIT).</summary>
    public long RowsToRead => Limit is { } limit ? limit + 1 : -1;

    /// <summary>
    /// The link to the page after <paramref name="lastCode"/>, with the request's other parameters. Relative (RFC 8288
    /// §3.2 resolves it against the page's own address): an absolute one was built from the client's Host header,
    /// which anyone can set, and named http behind a TLS proxy.
    /// </summary>
    public static string Next(HttpRequest request, string lastCode)
    {
        var query = request.Query.Where(q => !q.Key.Equals(AfterName, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(AfterName, lastCode));
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query);
    }
}
