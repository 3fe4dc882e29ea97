using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// One page of a unit listing, in the way of OGC API - Features (which GIS clients such as QGIS follow): the request
/// asks for at most <c>limit</c> units after the code <c>after</c>, and a page that stops short of the end carries a
/// <c>next</c> link to the rest. Without <c>limit</c> the listing is whole, as it always was.
/// </summary>
public readonly record struct UnitPage(string? After, int? Limit)
{
    public const int MaxLimit = 10_000;

    /// <summary>Why the page asked for is not one the listing gives, or null.</summary>
    public string? Problem => Limit is < 1 or > MaxLimit
        ? $"limit must be from 1 to {MaxLimit} units a page (it was {Limit}); follow the page's 'next' link for the rest."
        : null;

    /// <summary>The rows to read: one more than the page, to know whether another page follows (-1: all, in SQLite's LIMIT).</summary>
    public long RowsToRead => Limit is { } limit ? limit + 1 : -1;

    /// <summary>
    /// The collection of the page's <paramref name="units"/> (read with <see cref="RowsToRead"/>), with
    /// <c>numberReturned</c> and, when more follow, a <c>next</c> link carrying the same filters.
    /// </summary>
    public JsonObject Collection<T>(IReadOnlyList<T> units, Func<T, string> code, Func<IEnumerable<T>, JsonObject> collection, HttpRequest request)
    {
        var more = Limit is { } limit && units.Count > limit;
        var page = more ? units.Take(Limit!.Value).ToList() : units;
        var result = collection(page);
        if (Limit is null)
        {
            return result;
        }

        result["numberReturned"] = page.Count;
        var links = new JsonArray();
        if (more)
        {
            var query = request.Query.Where(q => q.Key is not "after").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("after", code(page[^1])));
            var next = QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
            links.Add(new JsonObject { ["rel"] = "next", ["type"] = "application/geo+json", ["href"] = next });
        }

        result["links"] = links;
        return result;
    }
}
