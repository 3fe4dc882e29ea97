namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>One page of a layer as the HTTP source read it: what it says of the whole query, and which features it held.</summary>
/// <param name="NumberMatched">The page's <c>numberMatched</c> (OGC API Features): how many features the whole query matches, if it says.</param>
/// <param name="Features">How many features the page held.</param>
/// <param name="Ids">The ids of those features, by the layer's id field (a feature without one is the reader's to refuse).</param>
public sealed record PageRead(long? NumberMatched, int Features, IReadOnlyList<string> Ids);
