using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>What the HTTP source reads from one page of an OGC API Features service: that it is a feature collection, and its <c>next</c> link.</summary>
static class PageParser
{
    public static JsonDocument Parse(byte[] content, Uri page)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.AsMemory(Utf8Text.ByteOrderMarkLength(content)));
        }
        catch (JsonException e)
        {
            throw new ExportFormatException($"page {page} is not valid JSON: {e.Message}");
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && Text(root, "type") == "FeatureCollection"
            && root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array)
        {
            return document;
        }

        document.Dispose();
        throw new ExportFormatException($"page {page} is not a GeoJSON FeatureCollection with a 'features' array.");
    }

    /// <summary>The <c>next</c> link of a page, resolved against the page's own address.</summary>
    public static Uri? NextLink(JsonElement page, Uri current)
    {
        var href = page.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array
            ? links.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object && Text(l, "rel") == "next").Select(l => Text(l, "href")).FirstOrDefault()
            : null;
        if (href is not { Length: > 0 })
        {
            return null;
        }

        return Uri.TryCreate(current, href, out var next)
            ? next
            : throw new ExportFormatException($"page {current} links to a next page '{href}' that is not a URL.");
    }

    /// <summary>The page's <c>numberMatched</c>, when it gives one.</summary>
    public static long? NumberMatched(JsonElement page) =>
        page.TryGetProperty("numberMatched", out var matched) && matched.ValueKind == JsonValueKind.Number && matched.TryGetInt64(out var count) && count >= 0 ? count : null;

    /// <summary>The features' ids, as the reader takes them (a string, or a number's text); features without one are left out.</summary>
    public static List<string> Ids(JsonElement features, string idField) =>
    [
        .. features.EnumerateArray()
            .Select(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                         && p.TryGetProperty(idField, out var id) ? id : default)
            .Select(id => id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => GeoJsonNumbers.Text(id),
                _ => null,
            })
            .OfType<string>()
            .Where(id => id.Length > 0),
    ];

    /// <summary>The member's text, or null when it is absent or not a string.</summary>
    public static string? Text(JsonElement value, string member) =>
        value.TryGetProperty(member, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
}
