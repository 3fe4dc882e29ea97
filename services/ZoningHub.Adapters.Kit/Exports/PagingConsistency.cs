namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Whether the pages of one read can be one state of the layer. With offset paging, an edit made while the pages are
/// read shifts features across page boundaries: a feature lands on a page already read and is missed (taken, the
/// export would delete it though it lives), or on the next page as well. Such a read shows itself here: the service's
/// <c>numberMatched</c> changes between pages or differs from the features collected, or an id comes on two pages.
/// A read without <c>numberMatched</c> that only lost a feature cannot be told apart; hence stable paging (README).
/// </summary>
public static class PagingConsistency
{
    /// <returns>Why the pages are not one state of the layer, or null when nothing shows that they are not.</returns>
    public static string? Disagreement(IReadOnlyList<PageRead> pages)
    {
        var counted = pages.Select((page, i) => (Page: i + 1, page.NumberMatched)).Where(p => p.NumberMatched is not null).ToList();
        if (counted.Count > 0)
        {
            var first = counted[0];
            if (counted.FirstOrDefault(p => p.NumberMatched != first.NumberMatched) is { Page: > 0 } other)
            {
                return $"numberMatched was {first.NumberMatched} on page {first.Page} and {other.NumberMatched} on page {other.Page}";
            }

            if (pages.Sum(p => (long)p.Features) is var collected && collected != first.NumberMatched)
            {
                return $"the pages held {collected} features where the service's numberMatched says {first.NumberMatched}";
            }
        }

        var seenOn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var page = 1; page <= pages.Count; page++)
        {
            // An id twice on one page is the export's own fault, which the reader refuses with its place.
            foreach (var id in pages[page - 1].Ids.Distinct(StringComparer.Ordinal))
            {
                if (!seenOn.TryAdd(id, page))
                {
                    return $"feature '{id}' came on page {seenOn[id]} and again on page {page}";
                }
            }
        }

        return null;
    }
}
