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
    /// <param name="codeProblem">Why an <c>after</c> is not a unit code, or null: a token a client or proxy mangled
    /// (lower-cased, cut short) matched no code, and its empty page with no <c>next</c> read as the listing's end.</param>
    /// <param name="filters">The listing's own parameters besides <c>limit</c> and <c>after</c>. Any other is refused:
    /// ignored, a <c>bbox</c> (which OGC API - Features clients send) or a misspelt filter was answered with every unit,
    /// which reads as "these are the units there"; that standard refuses a parameter it does not know, too.</param>
    public static UnitPage Of(HttpRequest request, int? limit, Func<string, string?> codeProblem, params string[] filters)
    {
        var after = request.Query[AfterName];
        var unknown = request.Query.Keys.FirstOrDefault(k => !k.Equals(AfterName, StringComparison.OrdinalIgnoreCase)
            && !k.Equals(LimitName, StringComparison.OrdinalIgnoreCase) && !filters.Contains(k, StringComparer.OrdinalIgnoreCase) && !SelectsNothing(request, k));
        // An empty after is no after: the first page, as it always was.
        var from = after.Count == 1 && after[0] is { Length: > 0 } code ? code : null;
        var afterProblem = from is null ? null : codeProblem(from);
        return new(from, limit)
        {
            AfterValues = after.Count,
            OtherProblem = unknown is not null
                ? $"The listing takes no parameter {Quoted(unknown)}; it takes {string.Join(", ", filters)}, {LimitName} and {AfterName}"
                  + (unknown.Equals("bbox", StringComparison.OrdinalIgnoreCase) ? " (no spatial filter: filter by province or county, or look a unit up by its code)." : ".")
                : afterProblem is not null ? $"after is not a code this listing gave: {afterProblem} Follow the page's 'next' link as it was given."
                : null,
        };
    }

    const string AfterName = "after";
    const string LimitName = "limit";

    /// <summary>
    /// Whether a parameter selects nothing: <c>_</c>, the cache-buster jQuery adds, and <c>f=json</c> or <c>f=geojson</c>,
    /// which OGC API - Features clients send for the one format the listing gives. Taken as they always were.
    /// </summary>
    static bool SelectsNothing(HttpRequest request, string name) => name == "_"
        || (name.Equals("f", StringComparison.OrdinalIgnoreCase) && request.Query[name].All(f => f is "json" or "geojson"));

    // As Hub.Core's QuotedInput, which this layer does not reach: a refusal quotes at most 32 characters of the caller's input.
    static string Quoted(string name) => name.Length <= 32 ? $"'{name}'" : $"'{name[..32]}…'";

    int AfterValues { get; init; }

    string? OtherProblem { get; init; }

    /// <summary>Why the page asked for is not one the listing gives, or null.</summary>
    public string? Problem =>
        AfterValues > 1 ? $"after was given {AfterValues} times; give it once, as the page's 'next' link does."
        : Limit is < 1 or > MaxLimit ? $"limit must be from 1 to {MaxLimit} units a page (it was {Limit}); follow the page's 'next' link for the rest."
        : OtherProblem;

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
